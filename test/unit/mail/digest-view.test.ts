import { renderDigest } from '../../../functions/digest/render';
import { personalize } from '../../../functions/mail/personalize';
import type { TrendingEntry } from '../../../functions/core/model';
import type { Identity } from '../../../functions/mail/identity';
import { stories } from '../../helpers/articles';

const identity: Identity = {
  brand: { name: 'Morning Ledger', accent: '#0b57d0', accentDark: '#8ab4f8', tagline: 'The news before your coffee.' },
  postalAddress: 'Morning Ledger Ltd, 1 Example Street, London N1 1AA, United Kingdom',
};

// Real-shaped: agency headlines of 100+ characters, two-sentence teasers, five sources with long article URLs.
const SOURCES = ['Reuters World', 'Associated Press', 'BBC News World', 'The Guardian World', 'NPR News'];
const longStories = stories(25, (i) => ({
  headline: `South Korea's ruling party and opposition clash over the ${i + 1}th supplementary budget as flood damage estimates rise in the south`,
  summary:
    'Lawmakers traded accusations on Thursday over the size of the emergency spending package, with the opposition demanding cash handouts for households hit by the worst monsoon rains in a decade. The finance ministry said the bill could pass next week if both sides agree on the relief for farmers.',
  links: SOURCES.map((source, s) => ({
    source,
    url: `https://www.${source.toLowerCase().replace(/\s+/g, '-')}.example.com/world/asia-pacific/2026/11/26/south-korea-budget-floods-story-${i + 1}-${s}-a1b2c3d4e5f6`,
  })),
  coverage: 5,
  image:
    i < 5
      ? { url: `https://images.example.com/2026/11/26/${i + 1}/lead-photo-1200x675.jpg`, width: 1200, height: 675 }
      : undefined,
}));
const trending: TrendingEntry[] = Array.from({ length: 10 }, (_, i) => ({
  rank: i + 1,
  headline: `Trending: monsoon rains leave thousands without power across the southern provinces, day ${i + 1}`,
  url: `https://trend.example.com/india/2026/11/26/monsoon-rains-power-cuts-southern-provinces-${i + 1}`,
  region: i % 2 ? 'India' : 'Global',
}));
const content = {
  title: 'Morning Ledger',
  dateLabel: 'Thursday, 26 November 2026',
  archiveUrl: 'https://news.example.com/archive/2026-11-26/global',
  publicUrl: 'https://news.example.com',
  identity,
  day: '2026-11-26',
  timezone: 'Europe/London',
  stories: longStories,
  trending: [
    { ...trending[0], headline: longStories[2]?.headline ?? '', url: longStories[2]?.links[3]?.url ?? '' },
    ...trending.slice(1),
  ] as TrendingEntry[],
};
const TOKEN = 'x'.repeat(180);

describe('the digest email', () => {
  let rendered: Awaited<ReturnType<typeof renderDigest>>;
  let personal: { html: string; text: string };
  beforeAll(async () => {
    rendered = await renderDigest(content);
    personal = personalize(rendered, {
      unsubscribeUrl: `https://news.example.com/unsubscribe?token=${TOKEN}`,
      preferencesUrl: `https://news.example.com/preferences?token=${TOKEN}`,
    });
  });

  it('stays under Gmail’s 102 KB clipping limit with 25 long real-shaped stories and 10 trending items', () => {
    expect(Buffer.byteLength(personal.html)).toBeLessThan(102 * 1024);
    expect(rendered.storiesShown).toBe(25);
  });

  it('ends with a footer that says why, links preferences, unsubscribe and the archive, and gives the postal address', () => {
    const footer = personal.html.slice(personal.html.lastIndexOf('You receive'));
    expect(footer).toContain('You receive Morning Ledger because you subscribed at news.example.com.');
    expect(footer).toContain(`href="https://news.example.com/preferences?token=${TOKEN}"`);
    expect(footer).toContain(`href="https://news.example.com/unsubscribe?token=${TOKEN}"`);
    expect(footer).toContain('href="https://news.example.com/archive"');
    expect(footer).toContain('Morning Ledger · Morning Ledger Ltd, 1 Example Street, London N1 1AA, United Kingdom');
    expect(personal.text).toContain('Morning Ledger · Morning Ledger Ltd, 1 Example Street, London N1 1AA');
    expect(rendered.page).toContain('Morning Ledger Ltd, 1 Example Street');
  });

  it('leads with the first story’s image, sized, with the headline as its alt text', () => {
    const lead = longStories[0];
    expect(personal.html).toMatch(
      new RegExp(
        `<img class="lead-img" src="https://images\\.example\\.com/2026/11/26/1/lead-photo-1200x675\\.jpg" width="552" height="311" alt="${lead?.headline.replace(/'/g, '&#39;')}"`,
      ),
    );
    // The next top stories carry thumbnails; the sections carry none.
    expect(personal.html).toContain(
      'src="https://images.example.com/2026/11/26/2/lead-photo-1200x675.jpg" width="96" height="54" alt=""',
    );
  });

  it('shows the brand’s logo in the header with its size and alt text, in place of the name', async () => {
    const logo = { url: 'https://news.example.com/logo.png', width: 160, height: 40, alt: 'Morning Ledger' };
    const branded = await renderDigest({ ...content, identity: { ...identity, brand: { ...identity.brand, logo } } });
    const header = branded.html.slice(0, branded.html.indexOf('class="lead'));
    const img = /<img\b[^>]*src="https:\/\/news\.example\.com\/logo\.png"[^>]*>/.exec(header)?.[0] ?? '';
    expect(img).toMatch(/\balt="Morning Ledger"/);
    expect(img).toMatch(/\bwidth="160"/);
    expect(img).toMatch(/\bheight="40"/);
    expect(header).not.toContain('<p class="brand">');
    // Without a logo, the name is the masthead.
    expect(personal.html).toContain('<p class="brand">Morning Ledger</p>');
  });

  it('says how many sources carry each story, the best one and when it was published', () => {
    expect(personal.html).toContain('>Reuters World</a> · 5 sources · 06:00</p>');
    expect(personal.text).toContain('Reuters World · 5 sources · 06:00');
  });

  it('marks trending entries shown above instead of repeating them', () => {
    expect(personal.html).toMatch(
      /<li><span class="seen">[^<]*3th supplementary budget[^<]*<\/span> <span class="region">↑ in Top stories<\/span><\/li>/,
    );
    expect(personal.text).toContain('(↑ in Top stories)');
  });

  it('keeps headline colour in dark mode, requests no web fonts and labels no story count', () => {
    expect(personal.html).toMatch(/\.page a[^{]*\{[^}]*\}[\s\S]*\.page \.hl a \{ color: #e8eaed !important; \}/);
    expect(personal.html).not.toMatch(/fonts\.googleapis|@import|<link[^>]+stylesheet/);
    expect(personal.html).not.toMatch(/· \d+ stories/);
  });

  it('leaves “View in browser” out of the archive page, which is the browser view', () => {
    expect(personal.html).toContain('View in browser');
    expect(rendered.page).not.toContain('View in browser');
  });
});
