import { type DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { ParsedMail } from 'mailparser';
import type { ClickTracking } from '../../../functions/core/clicks/click-settings';
import { ClickStore } from '../../../functions/core/clicks/click-store';
import type { Edition } from '../../../functions/core/daybreak-config';
import { silentLogger } from '../../../functions/core/log';
import { renderEdition } from '../../../functions/digest/digest';
import { stories } from '../../helpers/articles';
import { sendBatch, type SendDeps } from '../../../functions/send/send';
import type { SubscribeDeps } from '../../../functions/subscribe/deps';
import { deleteMe, exportData } from '../../../functions/subscribe/preferences';
import { route } from '../../../functions/subscribe/router';
import type { LocalSes } from '../../../infra/local/ses';
import { readOutbox, recipientOf } from '../../helpers/mail';
import { testTokens } from '../../helpers/link-key';
import { TEST_TABLE } from '../../helpers/stand-ins';
import { EDITIONS, request, subscribeStandIns } from '../../helpers/subscribe';
import { SubscriberStore } from '../../../functions/core/store/subscriber-store';

/**
 * Issue 16, through the real send path (the message precomposed once per batch, links spliced per
 * recipient) and the real click route on dynalite: what each tracking mode puts in a reader's email
 * and what a click on it counts.
 */
const sentAt = new Date('2026-11-26T07:00:00Z');
const edition = EDITIONS[0] as Edition;
const READER_AGENT = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148';
const ARTICLE = /^https:\/\/news\.example\.com\/2026\/11\/26\/story-\d+-about-the-harbour$/;
const recipients = ['ann@example.com', 'bob@example.com'];

describe('click links in sent emails, per tracking mode', () => {
  let db: DynamoDBDocumentClient;
  let localSes: LocalSes;
  let close: () => Promise<void>;
  let subscribe: SubscribeDeps;
  let send: SendDeps;
  let clicks: ClickStore;
  let clock = sentAt;

  beforeAll(async () => {
    let deps: SubscribeDeps;
    ({ db, deps, localSes, close } = await subscribeStandIns(() => clock));
    clicks = new ClickStore(db, TEST_TABLE);
    subscribe = { ...deps, clicks, settings: { ...deps.settings, clickTracking: 'per-subscriber' } };
    send = {
      editions: deps.editions,
      subscribers: new SubscriberStore(db, TEST_TABLE, (email) => testTokens.fingerprint(email)),
      ses: deps.ses,
      tokens: testTokens,
      clock: () => clock,
      log: silentLogger,
      limiter: { take: async () => {} },
      settings: { from: 'Daybreak <digest@news.example.com>', publicUrl: 'https://news.example.com' },
    };
    for (const email of recipients)
      await send.subscribers.put({
        email,
        status: 'active',
        editions: ['global'],
        createdAt: sentAt.toISOString(),
        updatedAt: sentAt.toISOString(),
      });
  }, 60000);
  afterAll(() => close());

  /** Renders and sends the day's edition with `tracking`; the recipients' emails as mailparser reads them. */
  async function sendWith(tracking: ClickTracking, date: string): Promise<ParsedMail[]> {
    clock = sentAt;
    const { page, links, ...rendered } = await renderEdition(edition, date, stories(6), [], {
      publicUrl: 'https://news.example.com',
      now: sentAt,
      clicks: { tracking, tokens: testTokens },
    });
    if (links) await clicks.saveLinks(date, edition.id, links);
    await send.editions.saveRendered(rendered);
    const before = (await readOutbox(localSes.outboxDir)).length;
    await sendBatch({ date, edition: edition.id, recipients }, send);
    const mails = (await readOutbox(localSes.outboxDir)).slice(before).map((m) => m.mail);
    expect(mails.map(recipientOf).sort()).toEqual(recipients);
    return mails;
  }

  const clickLinks = (part: string) => part.match(/https:\/\/news\.example\.com\/c\/[^\s"<]+/g) ?? [];
  const click = (link: string, agent = READER_AGENT) => {
    const r = request('GET', link.replaceAll('&amp;', '&'));
    return route({ ...r, headers: { 'user-agent': agent } }, subscribe);
  };

  it('off: the email links to the articles themselves, in both parts', async () => {
    const mails = await sendWith('off', '2026-11-24');
    for (const mail of mails) {
      expect(String(mail.html)).not.toContain('/c/');
      expect(mail.text).not.toContain('/c/');
      expect(mail.text).toMatch(/https:\/\/news\.example\.com\/2026\/11\/26\/story-1-about-the-harbour/);
    }
    expect(await clicks.links('2026-11-24', edition.id)).toBeUndefined();
  });

  it('aggregate: signed links with the delivery time, HTML-escaped in the HTML part, tied to no one', async () => {
    const mails = await sendWith('aggregate', '2026-11-25');
    const delivered = Math.floor(sentAt.getTime() / 1000);
    for (const mail of mails) {
      const text = clickLinks(mail.text ?? '');
      const html = clickLinks(String(mail.html));
      expect(text.length).toBeGreaterThanOrEqual(6);
      for (const link of text)
        expect(link).toMatch(
          new RegExp(`^https://news\\.example\\.com/c/2026-11-25\\.global/[0-9a-z]+\\?s=[\\w-]{22}&d=${delivered}$`),
        );
      // In HTML the `&` of the spliced suffix is written `&amp;`: a browser reads the same link.
      for (const link of html) expect(link).toMatch(new RegExp(`\\?s=[\\w-]{22}&amp;d=${delivered}$`));
      // The same signed links as the text part (the HTML shows fewer of the other sources' links).
      for (const link of html) expect(text).toContain(link.replaceAll('&amp;', '&'));
    }
    // Both recipients get the same links: nothing in them names a reader.
    expect(clickLinks(mails[0]?.text ?? '')).toEqual(clickLinks(mails[1]?.text ?? ''));

    clock = new Date(sentAt.getTime() + 3600_000);
    const link = clickLinks(mails[0]?.text ?? '')[0] as string;
    const response = await click(link);
    expect(response.status).toBe(302);
    expect(response.headers.location).toMatch(ARTICLE);
    const stats = await clicks.stats('2026-11-25', edition.id);
    expect(stats.clicks).toBe(1);
    expect(stats.uniqueClickers).toBe(1);
  });

  it('per-subscriber: each copy carries its reader’s keyed id; the clicks are theirs to export, and erasure deletes them', async () => {
    const mails = await sendWith('per-subscriber', '2026-11-26');
    const linksOf = (email: string) => {
      const mail = mails.find((m) => recipientOf(m) === email) as ParsedMail;
      return clickLinks(mail.text ?? '');
    };
    const reader = testTokens.readerId('ann@example.com');
    for (const link of linksOf('ann@example.com')) expect(link).toMatch(new RegExp(`&r=${reader}$`));
    expect(linksOf('ann@example.com')[0]).not.toBe(linksOf('bob@example.com')[0]);
    // The id is keyed: no address is in any link.
    for (const mail of mails)
      expect(clickLinks(String(mail.html)).join(' ')).not.toMatch(/ann|bob|example\.com\/c\/.*@/);

    clock = new Date(sentAt.getTime() + 3600_000);
    for (const link of linksOf('ann@example.com').slice(0, 2)) expect((await click(link)).status).toBe(302);
    await click(linksOf('bob@example.com')[0] as string);
    const ann = await clicks.readerClicks(reader);
    expect(Object.values(ann['2026-11-26#global'] ?? {}).reduce((a, b) => a + b, 0)).toBe(2);
    const subscriber = await send.subscribers.get('ann@example.com');
    expect((await exportData(subscriber!, subscribe)).clicks).toEqual(ann);

    // Every click item carries its expiry (DynamoDB's TTL deletes it 90 days after the edition).
    const items = await db.send(
      new ScanCommand({
        TableName: TEST_TABLE,
        FilterExpression: 'begins_with(pk, :clicks) OR begins_with(pk, :reader) OR sk = :links',
        ExpressionAttributeValues: { ':clicks': 'CLICKS#', ':reader': 'READER#', ':links': 'LINKS' },
      }),
    );
    expect(items.Items?.length).toBeGreaterThan(0);
    for (const item of items.Items ?? []) expect(item.expiresAt).toBeGreaterThan(clock.getTime() / 1000 + 80 * 86400);

    await deleteMe('ann@example.com', subscribe);
    expect(await clicks.readerClicks(reader)).toEqual({});
    expect(await clicks.readerClicks(testTokens.readerId('bob@example.com'))).not.toEqual({});
    // The edition's counts stay: they name no one.
    expect((await clicks.stats('2026-11-26', edition.id)).clicks).toBe(3);
    expect(await clicks.deleteEdition('2026-11-26', edition.id)).toBeGreaterThan(0);
    expect((await clicks.stats('2026-11-26', edition.id)).clicks).toBe(0);
    expect(await clicks.links('2026-11-26', edition.id)).toBeUndefined();
  });
});
