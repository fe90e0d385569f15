import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SESClient } from '@aws-sdk/client-ses';
import type { ParsedMail } from 'mailparser';
import { readPreviewInput } from '../../../bin/commands/preview-input';
import { extractPage } from '../../../functions/collect/extract-page';
import { parseFeed } from '../../../functions/collect/parse-feed';
import type { Edition } from '../../../functions/core/daybreak-config';
import { silentLogger } from '../../../functions/core/log';
import type { RenderedEdition } from '../../../functions/core/model';
import { EditionStore } from '../../../functions/core/store/edition-store';
import { SubscriberStore } from '../../../functions/core/store/subscriber-store';
import type { TokenSigner } from '../../../functions/core/tokens';
import { rankEdition, renderEdition } from '../../../functions/digest/digest';
import { drawPersonalMarkers, LEGACY_PLACEHOLDERS } from '../../../functions/mail/personalize';
import { sendBatch, type SendDeps } from '../../../functions/send/send';
import type { LocalSes } from '../../../infra/local/ses';
import { rawHeader, readOutbox, recipientOf } from '../../helpers/mail';
import { dynamoStandIn, sesStandIn, TEST_TABLE, tempDir } from '../../helpers/stand-ins';
import { EDITIONS } from '../../helpers/subscribe';
import { testFingerprint, testTokens } from '../../helpers/link-key';

/**
 * Issue 12: per-recipient links are spliced where the template put them, never wherever content
 * wrote something that looks like a placeholder. Every field of every kind of input carries forged
 * markers (the old placeholders, guesses at the new ones, and a real marker of another render);
 * each recipient's tokens must appear in their footer links and List-Unsubscribe, and nowhere else.
 */
const now = new Date('2026-11-26T07:00:00Z');
const edition = EDITIONS[0] as Edition;
const FORGED: [string, ...string[]] = [
  LEGACY_PLACEHOLDERS.unsubscribeUrl,
  LEGACY_PLACEHOLDERS.preferencesUrl,
  '%%CONFIRM_URL%%',
  '{{unsubscribeUrl}}',
  '{{{preferencesUrl}}}',
  `daybreak-${'0'.repeat(32)}-unsubscribe`,
  // A marker of an earlier render, as if it had leaked: each render draws its own.
  drawPersonalMarkers().unsubscribeUrl,
  drawPersonalMarkers().preferencesUrl,
];
const forged = FORGED.join(' ');
const evilUrl = (n: number) => `https://evil.example/${n}/${FORGED.join('/')}?next=${FORGED[0]}`;
/** Distinct headlines, so that no two stories merge into one. */
const TOPICS = [
  'Council approves ferry timetable',
  'Market hall opens on Sundays',
  'Bridge reopens after repairs',
  'Port authority signs clean shipping deal',
  'Clinics extend their opening hours',
  'Sovereign fund in talks for retail stake',
  'Rail line electrification begins',
];
const headline = (n: number) => `${TOPICS[n]} ${FORGED[n % FORGED.length]}`;
const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

function forgedFeed(): string {
  const item = (n: number) => `<item>
      <title>${xml(headline(n))}</title>
      <link>${xml(evilUrl(n))}</link>
      <description>${xml(`Feed summary ${n} ${forged}`)}</description>
      <pubDate>Thu, 26 Nov 2026 0${n + 1}:00:00 GMT</pubDate>
    </item>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>${xml(`Feed source ${forged}`)}</title><link>https://evil.example/</link>
${[0, 1, 2].map(item).join('\n')}
</channel></rss>`;
}

function forgedPage(): string {
  const trend = (n: number) =>
    `<li><span>${n}</span><a href="${xml(evilUrl(10 + n))}">${xml(headline(3 + n))}</a><span class="region">${xml(forged)}</span></li>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>${xml(headline(0 + 3))}</title>
<link rel="canonical" href="${xml(evilUrl(9))}">
<meta property="og:title" content="${xml(headline(3))}">
<meta property="og:description" content="${xml(`Page teaser ${forged}`)}">
<meta property="og:site_name" content="${xml(`Page source ${forged}`)}">
<meta property="article:published_time" content="2026-11-26T05:30:00Z">
</head><body><article><h1>${xml(headline(3))}</h1><p>Body.</p></article>
<section><h3>TRENDING</h3><ul>${[1, 2, 3].map(trend).join('')}</ul></section></body></html>`;
}

/** The forged inputs as `daybreak feed` and `daybreak extract` print them: what `preview --from` reads. */
function previewInputFile(): string {
  const feed = parseFeed(forgedFeed(), 'https://evil.example/feed.xml');
  const page = extractPage(forgedPage(), evilUrl(9));
  expect(page.trending.length).toBeGreaterThan(0);
  const file = path.join(tempDir('forged-'), 'input.json');
  writeFileSync(
    file,
    JSON.stringify([
      { feed: { title: feed.title, format: feed.format, url: null }, items: feed.items },
      {
        headline: page.headline,
        summary: page.summary,
        url: page.url,
        source: page.source,
        publishedAt: page.publishedAt,
        trending: page.trending,
      },
    ]),
  );
  return file;
}

describe('personal links cannot be forged by content', () => {
  let db: DynamoDBDocumentClient;
  let closeDb: () => Promise<void>;
  let ses: SESClient;
  let localSes: LocalSes;
  let deps: SendDeps;
  const recipients = ['ann@example.com', 'bob@example.com'];
  const expires = new Date(now.getTime() + 365 * 86400000);
  let tokens: TokenSigner;

  beforeAll(async () => {
    ({ db, close: closeDb } = await dynamoStandIn());
    ({ ses, local: localSes } = await sesStandIn());
    tokens = testTokens;
    deps = {
      editions: new EditionStore(db, TEST_TABLE),
      subscribers: new SubscriberStore(db, TEST_TABLE, testFingerprint),
      ses,
      tokens,
      clock: () => now,
      log: silentLogger,
      limiter: { take: async () => {} },
      settings: { from: 'Daybreak <digest@news.example.com>', publicUrl: 'https://news.example.com' },
    };
    for (const email of recipients)
      await deps.subscribers.put({
        email,
        status: 'active',
        editions: ['global', 'asia'],
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
      });
  });
  afterAll(async () => {
    await localSes.close();
    await closeDb();
  });

  /** Each recipient's two tokens occur once in each part, in the footer link, and in List-Unsubscribe. */
  function expectOnlyIntendedLinks(mail: ParsedMail): void {
    const email = recipientOf(mail);
    const unsubscribe = `https://news.example.com/unsubscribe?token=${tokens.sign('unsubscribe', email, expires)}`;
    const preferences = `https://news.example.com/preferences?token=${tokens.sign('preferences', email, expires)}`;
    const html = String(mail.html);
    const text = mail.text ?? '';
    for (const [part, links] of [
      [html, [`href="${preferences}"`, `href="${unsubscribe}"`]],
      [text, [`Preferences: ${preferences}`, `Unsubscribe: ${unsubscribe}`]],
    ] as const) {
      expect(part.split('token=')).toHaveLength(3);
      for (const link of links) expect(part.split(link)).toHaveLength(2);
    }
    expect(rawHeader(mail, 'List-Unsubscribe')).toBe(`<${unsubscribe}>`);
    // Content's forged markers are left as the inert text they are.
    expect(text).toContain(LEGACY_PLACEHOLDERS.unsubscribeUrl);
  }

  it('renders forged feed, page, trending and preview input as inert text, and mails each token only in its own links', async () => {
    const input = await readPreviewInput(previewInputFile(), 'global', now);
    // Every kind of input made it into the edition, each field carrying the forgeries.
    expect(input.articles.map((a) => a.source)).toEqual(expect.arrayContaining([expect.stringContaining(FORGED[0])]));
    expect(input.trending.length).toBeGreaterThan(0);
    const ranked = rankEdition(edition, input.articles, input.trending, now);
    const { page, ...rendered } = await renderEdition(edition, '2026-11-26', ranked, input.trending, {
      publicUrl: 'https://news.example.com',
      now,
    });
    // Every kind of input is in the email: feed stories, the page's story and its trending list.
    for (const topic of TOPICS.slice(0, 4)) expect(rendered.text).toContain(topic);
    expect(rendered.text).toContain(`TRENDING NOW\n\n1. ${FORGED[0]}`);
    expect(rendered.text).toContain(`https://evil.example/11/${FORGED[0]}`);
    expect(rendered.text).toContain('Page teaser');
    expect(rendered.text).toContain(`https://evil.example/0/${FORGED.slice(0, 3).join('/')}/`);
    expect(page).not.toMatch(/token=/);
    for (const marker of Object.values(rendered.personalMarkers ?? {})) expect(page).not.toContain(marker);
    await deps.editions.saveRendered(rendered);

    await sendBatch({ date: '2026-11-26', edition: 'global', recipients }, deps);
    const outbox = await readOutbox(localSes.outboxDir);
    expect(outbox.map((m) => recipientOf(m.mail)).sort()).toEqual(recipients);
    for (const { mail } of outbox) expectOnlyIntendedLinks(mail);
  });

  it('still sends an edition kept with the old placeholders, splicing only its footer', async () => {
    // As the renderer before personal markers wrote it: content's `%` escaped in the HTML, but not in the text's URLs.
    const legacy: RenderedEdition = {
      date: '2026-11-25',
      edition: 'asia',
      subject: 'Daybreak Asia: Old story',
      html: `<html><body><a href="https://evil.example/x/&#37;&#37;UNSUBSCRIBE_URL&#37;&#37;">Old story</a><p>You receive Daybreak Asia because you subscribed to it.<br /><a href="${LEGACY_PLACEHOLDERS.preferencesUrl}">Preferences</a> · <a href="${LEGACY_PLACEHOLDERS.unsubscribeUrl}">Unsubscribe</a></p></body></html>`,
      text: [
        '1. Old story % %UNSUBSCRIBE_URL% %',
        `   https://evil.example/x/${LEGACY_PLACEHOLDERS.unsubscribeUrl}?p=${LEGACY_PLACEHOLDERS.preferencesUrl}`,
        '',
        '--',
        `Preferences: ${LEGACY_PLACEHOLDERS.preferencesUrl}`,
        `Unsubscribe: ${LEGACY_PLACEHOLDERS.unsubscribeUrl}`,
      ].join('\n'),
      stories: 1,
      trending: 0,
      storyUrls: [],
      renderedAt: now.toISOString(),
    };
    await deps.editions.saveRendered(legacy);
    const before = (await readOutbox(localSes.outboxDir)).length;
    await sendBatch({ date: '2026-11-25', edition: 'asia', recipients }, deps);
    const sent = (await readOutbox(localSes.outboxDir)).slice(before);
    expect(sent).toHaveLength(2);
    for (const { mail } of sent) {
      expectOnlyIntendedLinks(mail);
      expect(mail.text).toContain(`https://evil.example/x/${LEGACY_PLACEHOLDERS.unsubscribeUrl}?p=`);
    }
  });
});
