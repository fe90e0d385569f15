import { doIUseEmail } from 'doiuse-email';
import type { TrendingEntry } from '../../../functions/core/model';
import { renderDigest } from '../../../functions/digest/render';
import type { Identity } from '../../../functions/mail/identity';
import { personalize } from '../../../functions/mail/personalize';
import { stories } from '../../helpers/articles';
import { ledgerConfirmation } from '../../helpers/mail';

/**
 * The digest and the confirmation email against the caniemail data (doiuse-email ships it: no
 * network), for the clients most readers use. Every feature a client does not support is either
 * fixed in the templates or listed here with why the email still reads well without it.
 */
const CLIENTS = [
  'gmail.desktop-webmail',
  'gmail.ios',
  'gmail.android',
  'gmail.mobile-webmail',
  'apple-mail.macos',
  'apple-mail.ios',
  'outlook.windows',
  'outlook.outlook-com',
  'outlook.macos',
  'yahoo.desktop-webmail',
];

/**
 * Feature → why the email still reads well where it is missing. Keep it small: fix what can be
 * fixed instead. Most come from mjml's own output; the `<style>` rules are progressive: every
 * layout and colour that matters is also inline.
 */
const ALLOWED: Record<string, string> = {
  '@media': 'the phone and dark-mode rules; without them the inline light layout shows, which is fluid (mjml hybrid)',
  'Class selector': 'Gmail’s web app for non-Google accounts drops <style>: the inline styles carry the layout',
  'Type selector': 'as for classes: only the <style> resets and dark-mode rules are lost',
  'ID selector': 'mjml’s `#outlook a` reset, for Outlook alone',
  'Descendant combinator': 'dark-mode rules in <style>; the light scheme is inline',
  'Chaining selectors': 'dark-mode rules in <style>; the light scheme is inline',
  'display:none': 'the preheader is hidden by several means at once (also max-height:0, font-size:1px, white on white)',
  opacity: 'the same preheader: the other hiding means hold',
  overflow: 'the same preheader: the other hiding means hold',
  outline: 'mjml’s image reset; Outlook draws no outline around images anyway',
  'border-radius': 'square corners in Outlook for Windows: cosmetic',
  'word-break': 'mjml’s break-word on text cells: a very long word wraps less neatly in Yahoo',
  'target attribute':
    'mj-button’s target="_blank": webmail opens links in a new tab its own way; the link works either way',
  'aria-label attribute': 'mjml’s label of the email’s article wrapper; the <title> and headings name it as well',
};

const identity: Identity = {
  brand: {
    name: 'Morning Ledger',
    accent: '#0b57d0',
    accentDark: '#8ab4f8',
    tagline: 'The news before your coffee.',
    logo: { url: 'https://news.example.com/logo.png', width: 160, height: 40, alt: 'Morning Ledger' },
  },
  postalAddress: 'Morning Ledger Ltd, 1 Example Street, London N1 1AA, United Kingdom',
};

async function digestHtml(): Promise<string> {
  const shown = stories(12, (i) => ({
    category: i < 6 ? 'world' : 'business',
    image: i < 4 ? { url: `https://images.example.com/${i}.jpg`, width: 1200, height: 675, alt: 'A photo' } : undefined,
  }));
  const trending: TrendingEntry[] = Array.from({ length: 6 }, (_, i) => ({
    rank: i + 1,
    headline: i === 0 ? (shown[1]?.headline ?? '') : `Trending item ${i + 1}`,
    url: i === 0 ? (shown[1]?.url ?? '') : `https://trend.example.com/${i + 1}`,
    region: 'Global',
  }));
  const rendered = await renderDigest({
    title: 'Morning Ledger',
    dateLabel: 'Thursday, 26 November 2026',
    archiveUrl: 'https://news.example.com/archive/2026-11-26/global',
    publicUrl: 'https://news.example.com',
    identity,
    day: '2026-11-26',
    timezone: 'Europe/London',
    stories: shown,
    trending,
  });
  return personalize(rendered, {
    unsubscribeUrl: 'https://news.example.com/unsubscribe?token=T',
    preferencesUrl: 'https://news.example.com/preferences?token=T',
  }).html;
}

async function confirmationHtml(): Promise<string> {
  return String((await ledgerConfirmation(identity)).html);
}

/** The features of `html` some client lacks, each with the clients that lack it. */
function unsupported(html: string): Record<string, string[]> {
  const result = doIUseEmail(html, { emailClients: CLIENTS });
  const found: Record<string, string[]> = {};
  for (const error of result.success ? [] : result.errors) {
    const [, feature = error, client = ''] = /^`(.+)` is not supported by `(.+)`$/.exec(error) ?? [];
    found[feature] = [...new Set([...(found[feature] ?? []), client])];
  }
  return found;
}

const notAllowed = (found: Record<string, string[]>) =>
  Object.fromEntries(Object.entries(found).filter(([feature]) => !(feature in ALLOWED)));

describe('email-client support (caniemail data)', () => {
  let digest: Record<string, string[]>;
  let confirmation: Record<string, string[]>;
  beforeAll(async () => {
    digest = unsupported(await digestHtml());
    confirmation = unsupported(await confirmationHtml());
    // mjml and the caniemail scan take seconds on a loaded machine.
  }, 60000);

  it('the digest uses nothing the major clients lack, beyond the justified list', () => {
    expect(notAllowed(digest)).toEqual({});
  });

  it('the confirmation email uses nothing the major clients lack, beyond the justified list', () => {
    expect(notAllowed(confirmation)).toEqual({});
  });

  it('lists no excuse that neither email needs any more', () => {
    const needed = new Set([...Object.keys(digest), ...Object.keys(confirmation)]);
    expect(Object.keys(ALLOWED).filter((feature) => !needed.has(feature))).toEqual([]);
  });
});
