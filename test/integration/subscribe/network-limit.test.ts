import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SubscriberStore } from '../../../functions/core/store/subscriber-store';
import { route } from '../../../functions/subscribe/router';
import type { SubscribeDeps } from '../../../functions/subscribe/deps';
import type { LocalSes } from '../../../infra/local/ses';
import { TEST_TABLE } from '../../helpers/stand-ins';
import { readOutbox } from '../../helpers/mail';
import { form, request, snapshot, subscribeStandIns } from '../../helpers/subscribe';
import { testFingerprint } from '../../helpers/link-key';

/**
 * One network may not use the form to mail confirmation links to a long list of strangers: past
 * the hourly limit its signups are refused with a 429 and a Retry-After, and nothing is stored or sent.
 */
describe('signups from one network are limited per hour', () => {
  let now = new Date('2026-11-27T08:10:00Z');
  let db: DynamoDBDocumentClient;
  let deps: SubscribeDeps;
  let localSes: LocalSes;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ db, deps, localSes, close } = await subscribeStandIns(() => now));
    deps.settings.maxSignupsPerNetworkPerHour = 5;
  });
  afterAll(() => close());

  const signUp = (email: string, ip: string, accept?: string) =>
    route(
      request('POST', '/subscribe', {
        type: 'application/x-www-form-urlencoded',
        body: form({ email, editions: 'global' }),
        ip,
        accept,
      }),
      deps,
    );

  it('takes five signups from one address, then refuses the sixth with a clear 429, storing and mailing nothing', async () => {
    for (let i = 0; i < 5; i++) expect((await signUp(`reader${i}@example.com`, '198.51.100.7')).status).toBe(200);
    const before = await snapshot(db);
    const mailed = (await readOutbox(localSes.outboxDir)).length;

    const refused = await signUp('victim@example.com', '198.51.100.7');
    expect(refused.status).toBe(429);
    expect(refused.headers?.['retry-after']).toBe('3600');
    expect(refused.body).toContain('Too many signups have come from your network');
    expect(await new SubscriberStore(db, TEST_TABLE, testFingerprint).get('victim@example.com')).toBeUndefined();
    expect((await readOutbox(localSes.outboxDir)).length).toBe(mailed);
    // Only the counter moved: no subscriber, consent or link was written.
    expect(JSON.parse(await snapshot(db)).length).toBe(JSON.parse(before).length);
  });

  it('answers the refusal as JSON when asked', async () => {
    const refused = await signUp('another@example.com', '198.51.100.7', 'application/json');
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.body)).toMatchObject({ message: expect.stringContaining('try again in an hour') });
  });

  it('counts another network on its own', async () => {
    expect((await signUp('neighbour@example.com', '198.51.100.8')).status).toBe(200);
  });

  it('counts an IPv6 /64 as one network, whatever the host part, and IPv4 written as IPv6 as IPv4', async () => {
    for (let i = 1; i <= 5; i++)
      expect((await signUp(`phone${i}@example.com`, `2001:db8:aa:1::${i}`)).status).toBe(200);
    expect((await signUp('phone6@example.com', '2001:db8:aa:1:ffff::9')).status).toBe(429);
    expect((await signUp('other-home@example.com', '2001:db8:aa:2::1')).status).toBe(200);
    expect((await signUp('mapped@example.com', '::ffff:198.51.100.7')).status).toBe(429);
  });

  it('takes signups from the network again in the next hour', async () => {
    now = new Date('2026-11-27T09:00:00Z');
    expect((await signUp('later@example.com', '198.51.100.7')).status).toBe(200);
  });
});
