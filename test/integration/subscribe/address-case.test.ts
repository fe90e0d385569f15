import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { SubscriberStore } from '../../../functions/core/store/subscriber-store';
import { EditionStore } from '../../../functions/core/store/edition-store';
import { silentLogger } from '../../../functions/core/log';
import { defaultFeedbackSettings, handleSesEvent } from '../../../functions/feedback/feedback';
import { SesEventSchema } from '../../../functions/feedback/ses-event';
import { route } from '../../../functions/subscribe/router';
import type { SubscribeDeps } from '../../../functions/subscribe/deps';
import { TEST_TABLE } from '../../helpers/stand-ins';
import { form, request, subscribeStandIns } from '../../helpers/subscribe';
import { testFingerprint } from '../../helpers/link-key';

/**
 * One person, one subscription, whatever case they type their address in: a second signup in
 * another case is the same subscriber, one unsubscribe stops the mail, and a bounce that SES
 * reports in lower case suppresses the address stored as typed.
 */
describe('addresses are matched without regard to case', () => {
  const now = new Date('2026-11-27T08:00:00Z');
  let db: DynamoDBDocumentClient;
  let deps: SubscribeDeps;
  let close: () => Promise<void>;
  let subscribers: SubscriberStore;

  beforeAll(async () => {
    ({ db, deps, close } = await subscribeStandIns(() => now));
    subscribers = new SubscriberStore(db, TEST_TABLE, testFingerprint);
    await subscribers.put({
      email: 'Cara.Jones@example.com',
      status: 'active',
      editions: ['global'],
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    });
  });
  afterAll(() => close());

  const profiles = async () =>
    ((await db.send(new ScanCommand({ TableName: TEST_TABLE }))).Items ?? []).filter((item) => item.sk === 'PROFILE');

  it('finds the subscriber by the address in any case, keeping it as typed', async () => {
    expect(await subscribers.get('cara.jones@EXAMPLE.com')).toMatchObject({
      email: 'Cara.Jones@example.com',
      status: 'active',
    });
    expect((await subscribers.getMany(['CARA.JONES@example.com'])).get('cara.jones@example.com')).toMatchObject({
      status: 'active',
    });
  });

  it('keeps one subscriber when the same address signs up again in another case', async () => {
    const response = await route(
      request('POST', '/subscribe', {
        type: 'application/x-www-form-urlencoded',
        body: form({ email: 'cara.jones@example.com', editions: 'global' }),
      }),
      deps,
    );
    expect(response.status).toBe(200);
    expect(await profiles()).toHaveLength(1);
    expect(await subscribers.get('Cara.Jones@example.com')).toMatchObject({ status: 'active' });
  });

  it('stops the mail with one unsubscribe, from a link made for the address in another case', async () => {
    const token = deps.tokens.sign('unsubscribe', 'cara.jones@example.com', new Date(now.getTime() + 86400_000));
    expect(
      (
        await route(
          request('POST', `/unsubscribe?token=${token}`, {
            type: 'application/x-www-form-urlencoded',
            body: 'List-Unsubscribe=One-Click',
          }),
          deps,
        )
      ).status,
    ).toBe(200);
    expect(await subscribers.get('Cara.Jones@example.com')).toMatchObject({ status: 'unsubscribed' });
  });

  it('suppresses on a bounce that SES reports in lower case', async () => {
    await subscribers.put({
      email: 'Dev.Rao@example.com',
      status: 'active',
      editions: ['global'],
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    });
    const bounce = SesEventSchema.parse({
      eventType: 'Bounce',
      mail: {
        messageId: 'ses-case-1',
        destination: ['dev.rao@example.com'],
        tags: { edition: ['global'], date: ['2026-11-27'] },
      },
      bounce: {
        bounceType: 'Permanent',
        bounceSubType: 'General',
        bouncedRecipients: [{ emailAddress: 'dev.rao@example.com' }],
      },
    });
    const outcome = await handleSesEvent(bounce, {
      subscribers,
      editions: new EditionStore(db, TEST_TABLE),
      clock: () => now,
      log: silentLogger,
      settings: defaultFeedbackSettings,
    });
    expect(outcome.suppressed).toBe(1);
    expect(await subscribers.get('Dev.Rao@example.com')).toMatchObject({ status: 'suppressed' });
  });
});
