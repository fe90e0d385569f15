import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ClickStore } from '../../../functions/core/clicks/click-store';
import { subscriberPk } from '../../../functions/core/table';
import type { SubscribeDeps } from '../../../functions/subscribe/deps';
import { route } from '../../../functions/subscribe/router';
import type { LocalSes } from '../../../infra/local/ses';
import { dieAfterWrite } from '../../helpers/die-after-write';
import { readOutbox, recipientOf } from '../../helpers/mail';
import { TEST_TABLE } from '../../helpers/stand-ins';
import { form, recordingLogger, request, snapshot, subscribeDeps, subscribeStandIns } from '../../helpers/subscribe';

const FORM = 'application/x-www-form-urlencoded';
const now = new Date('2026-11-27T08:00:00Z');

/**
 * A request whose Lambda dies between two writes (after each write in turn) must not strand its
 * person: opening the same link again finishes the work, with no new link and no second mail.
 */
describe('a subscriber request interrupted at every write, on dynalite', () => {
  let db: DynamoDBDocumentClient;
  let deps: SubscribeDeps;
  let localSes: LocalSes;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ db, deps, localSes, close } = await subscribeStandIns(() => now));
  });
  afterAll(() => close());

  /** The same routes on a client that dies after its `n`th write. */
  const dying = (n: number) => {
    const client = dieAfterWrite(db, n);
    const dyingDeps = subscribeDeps(client.db, deps.ses, () => now, recordingLogger());
    return { deps: { ...dyingDeps, clicks: new ClickStore(client.db, TEST_TABLE) }, writes: client.writes };
  };
  const mailsTo = async (to: string) =>
    (await readOutbox(localSes.outboxDir)).filter((m) => recipientOf(m.mail) === to);
  const signUpForLink = async (email: string) => {
    await route(
      request('POST', '/subscribe', { type: FORM, body: form({ email, editions: ['global', 'asia'] }) }),
      deps,
    );
    const text = (await mailsTo(email))[0]?.mail.text ?? '';
    return /https:\/\/news\.example\.com(\/confirm\?token=[\w.-]+)/.exec(text)?.[1] ?? '';
  };
  const consentItems = async (email: string) =>
    (
      await db.send(
        new QueryCommand({
          TableName: TEST_TABLE,
          KeyConditionExpression: 'pk = :pk AND sk = :consent',
          ExpressionAttributeValues: { ':pk': subscriberPk(email), ':consent': 'CONSENT' },
        }),
      )
    ).Items ?? [];

  /** How many writes an uninterrupted request makes: the points it can die after. */
  async function writesOf(send: (deps: SubscribeDeps) => Promise<unknown>): Promise<number> {
    const counting = dying(Number.POSITIVE_INFINITY);
    await send(counting.deps);
    return counting.writes();
  }

  it('confirmation: the reopened link shows its button, and one press leaves the person active with one consent', async () => {
    const total = await writesOf(async (d) =>
      route(request('POST', await signUpForLink('counted@example.com'), { type: FORM }), d),
    );
    // The consent, the profile, the erasure (keyed and legacy names) and the link's nonce.
    expect(total).toBe(5);
    for (let n = 1; n <= total; n++) {
      const email = `crash${n}@example.com`;
      const link = await signUpForLink(email);
      const died = await route(request('POST', link, { type: FORM }), dying(n).deps);
      expect(died.status).toBe(500);

      const reopened = await route(request('GET', link), deps);
      expect(reopened.status).toBe(200);
      // Died after its last write, the link was used up with all its work done.
      expect(reopened.body).toContain(n < total ? 'Confirm my subscription' : 'You are subscribed');
      const pressed = await route(request('POST', link, { type: FORM }), deps);
      expect(pressed.status).toBe(200);
      expect(pressed.body).toContain('You are subscribed');

      expect(await deps.subscribers.get(email)).toMatchObject({ status: 'active', editions: ['global', 'asia'] });
      const consents = await consentItems(email);
      expect(consents).toHaveLength(1);
      expect(consents[0]).toMatchObject({ source: 'form', confirmedAt: now.toISOString() });
      expect(await mailsTo(email)).toHaveLength(1);
      // Done: the link answers "subscribed" and writes nothing more.
      const before = await snapshot(db);
      expect((await route(request('POST', link, { type: FORM }), deps)).body).toContain('You are subscribed');
      expect(await snapshot(db)).toBe(before);
    }
  });

  it('unsubscribe, by the one-click link and from the preferences page: never lost', async () => {
    const paths = {
      'one-click': (email: string) => ({
        target: `/unsubscribe?token=${deps.tokens.sign('unsubscribe', email, new Date(now.getTime() + 86400_000))}`,
        body: '',
      }),
      preferences: (email: string) => ({
        target: `/preferences?token=${deps.tokens.sign('preferences', email, new Date(now.getTime() + 86400_000))}`,
        body: form({ action: 'unsubscribe' }),
      }),
    };
    for (const [via, post] of Object.entries(paths)) {
      const active = async (email: string) => {
        await deps.subscribers.put({
          email,
          status: 'active',
          editions: ['global'],
          createdAt: now.toISOString(),
          updatedAt: now.toISOString(),
        });
        return post(email);
      };
      const { target: counted, body: countedBody } = await active(`${via}-counted@example.com`);
      const total = await writesOf((d) => route(request('POST', counted, { type: FORM, body: countedBody }), d));
      expect(total).toBe(1);
      for (let n = 0; n <= total; n++) {
        const email = `${via}-${n}@example.com`;
        const { target, body } = await active(email);
        // Dying before its first write (n = 0) answers an error: the person presses again.
        const died = await route(request('POST', target, { type: FORM, body }), dying(n).deps);
        expect(died.status).toBe(500);
        const again = await route(request('POST', target, { type: FORM, body }), deps);
        expect(again.body).toContain('You are unsubscribed');
        expect(await deps.subscribers.get(email)).toMatchObject({ status: 'unsubscribed' });
      }
    }
  });

  it('deleting from the preferences page: pressed again after any write, the address and its clicks end erased', async () => {
    const clicks = new ClickStore(db, TEST_TABLE);
    const clicksOf = (email: string) => clicks.readerClicks(deps.tokens.readerId(email));
    const active = async (email: string) => {
      await route(request('POST', '/subscribe', { type: FORM, body: form({ email, editions: 'global' }) }), deps);
      const reader = deps.tokens.readerId(email);
      await clicks.count({ date: '2026-11-26', edition: 'global', linkId: 'a1', at: now, reader });
      expect(Object.keys(await clicksOf(email))).toHaveLength(1);
      return `/preferences?token=${deps.tokens.sign('preferences', email, new Date(now.getTime() + 86400_000))}`;
    };
    const body = form({ action: 'delete' });
    const counted = await active('delete-counted@example.com');
    const total = await writesOf((d) => route(request('POST', counted, { type: FORM, body }), d));
    // The reader's click item, the tombstone, the consent and the profile.
    expect(total).toBe(4);
    for (let n = 1; n <= total; n++) {
      const email = `delete-${n}@example.com`;
      const target = await active(email);
      expect((await route(request('POST', target, { type: FORM, body }), dying(n).deps)).status).toBe(500);
      const again = await route(request('POST', target, { type: FORM, body }), deps);
      // Died after erasing the profile: the link finds no one, and nothing is left to erase.
      expect(again.body).toContain(n < total ? 'Your data is deleted' : 'No subscription here');
      expect(await deps.subscribers.get(email)).toBeUndefined();
      expect(await deps.signups.getConsent(email)).toBeUndefined();
      expect(await deps.signups.isErased(email)).toBe(true);
      expect(await clicksOf(email)).toEqual({});
    }
  });
});
