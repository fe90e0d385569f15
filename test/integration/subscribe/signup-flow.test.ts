import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { hashEmail } from '../../../functions/core/hash';
import { SubscriberStore } from '../../../functions/core/store/subscriber-store';
import type { SignupStore } from '../../../functions/subscribe/signup-store';
import { route } from '../../../functions/subscribe/router';
import type { SubscribeDeps } from '../../../functions/subscribe/deps';
import type { LocalSes } from '../../../infra/local/ses';
import { TEST_TABLE } from '../../helpers/stand-ins';
import { readOutbox, recipientOf } from '../../helpers/mail';
import { liftSuppression } from '../../../functions/subscribe/operator';
import { form, recordingLogger, request, snapshot, subscribeStandIns } from '../../helpers/subscribe';
import { testFingerprint } from '../../helpers/link-key';

let now = new Date('2026-11-27T08:00:00Z');
const FORM = 'application/x-www-form-urlencoded';

describe('the subscribe API on dynalite and aws-ses-v2-local', () => {
  let db: DynamoDBDocumentClient;
  let close: () => Promise<void>;
  let localSes: LocalSes;
  let deps: SubscribeDeps;
  const log = recordingLogger();
  let subscribers: SubscriberStore;
  let signups: SignupStore;

  beforeAll(async () => {
    ({ db, deps, localSes, close } = await subscribeStandIns(() => now, log));
    subscribers = new SubscriberStore(db, TEST_TABLE, testFingerprint);
    signups = deps.signups;
  });
  afterAll(() => close());

  const signUp = (email: string, editions: string[] = ['global'], extra: Record<string, string> = {}) =>
    route(request('POST', '/subscribe', { type: FORM, body: form({ email, editions, ...extra }) }), deps);
  const mails = async () => readOutbox(localSes.outboxDir);
  const linkIn = async (to: string) => {
    const mine = (await mails()).filter((m) => recipientOf(m.mail) === to);
    const text = mine[mine.length - 1]?.mail.text ?? '';
    return /https:\/\/news\.example\.com(\/confirm\?token=[\w.-]+)/.exec(text)?.[1] ?? '';
  };

  it('records a new address as pending with its consent and mails a confirmation link', async () => {
    const response = await signUp('Ann@Example.COM', ['global', 'asia']);
    expect(response.status).toBe(200);
    expect(response.body).toContain('Check your inbox');
    expect(await subscribers.get('Ann@example.com')).toMatchObject({ status: 'pending', editions: ['global', 'asia'] });
    const consent = await signups.getConsent('Ann@example.com');
    expect(consent).toMatchObject({
      source: 'form',
      formVersion: expect.any(String),
      ipHash: deps.tokens.keyedHash('ip', '203.0.113.9'),
    });
    const sent = (await mails()).filter((m) => recipientOf(m.mail) === 'Ann@example.com');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.mail.subject).toBe('Confirm your Daybreak subscription');
    expect(sent[0]?.mail.html).toContain('Confirm my subscription');
    expect(sent[0]?.mail.text).toContain('Daybreak and Daybreak Asia');
    expect(await linkIn('Ann@example.com')).toMatch(/^\/confirm\?token=/);
  });

  it('answers byte for byte the same for a new, a pending and an active address, and for a bot', async () => {
    await subscribers.put({
      email: 'active@example.com',
      status: 'active',
      editions: ['global'],
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    });
    const answers = await Promise.all([
      signUp('fresh@example.com'),
      signUp('Ann@example.com'),
      signUp('active@example.com'),
      signUp('bot@example.com', ['global'], { website: 'http://spam' }),
    ]);
    expect(new Set(answers.map((a) => `${a.status} ${a.body}`)).size).toBe(1);
    expect(await subscribers.get('active@example.com')).toMatchObject({ status: 'active' });
    expect(await subscribers.get('bot@example.com')).toBeUndefined();
    expect((await mails()).some((m) => recipientOf(m.mail) === 'bot@example.com')).toBe(false);
  });

  it('answers GET /subscribe (a refreshed results page) with the form, not a 405', async () => {
    const page = await route(request('GET', '/subscribe'), deps);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<form');
  });

  it('answers JSON when asked', async () => {
    const response = await route(
      request('POST', '/subscribe', {
        type: 'application/json',
        accept: 'application/json',
        body: JSON.stringify({ email: 'json@example.com', editions: ['asia'] }),
      }),
      deps,
    );
    expect(response.status).toBe(202);
    expect(JSON.parse(response.body)).toMatchObject({ status: 'check-your-inbox' });
    expect(response.headers['content-type']).toMatch(/^application\/json/);
  });

  it('mails one address at most three confirmations an hour, answering the same', async () => {
    const before = (await mails()).filter((m) => recipientOf(m.mail) === 'many@example.com').length;
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await signUp('many@example.com'));
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect((await mails()).filter((m) => recipientOf(m.mail) === 'many@example.com').length - before).toBe(3);
    now = new Date(now.getTime() + 3600_000);
    await signUp('many@example.com');
    expect((await mails()).filter((m) => recipientOf(m.mail) === 'many@example.com').length - before).toBe(4);
  });

  it('shows a Confirm button on GET and HEAD /confirm and changes nothing: link scanners open links', async () => {
    const link = await linkIn('Ann@example.com');
    const before = await snapshot(db);
    for (const method of ['GET', 'HEAD', 'GET']) {
      const page = await route(request(method, link), deps);
      expect(page.status).toBe(200);
      expect(page.body).toContain('Confirm your subscription');
      expect(page.body).not.toContain('Ann@example.com');
      expect(page.body.match(/<form method="post" action="\/confirm\?token[^"]+"/g)).toHaveLength(1);
      expect(page.body.match(/<button/g)).toHaveLength(1);
    }
    expect(await snapshot(db)).toBe(before);
    expect(await subscribers.get('Ann@example.com')).toMatchObject({ status: 'pending' });
  });

  it('activates on the button POST; the link opened again shows "You are subscribed", not an error', async () => {
    const link = await linkIn('Ann@example.com');
    const first = await route(request('POST', link, { type: FORM }), deps);
    expect(first.status).toBe(200);
    expect(first.body).toContain('You are subscribed');
    expect(first.body.replaceAll('&#x3D;', '=')).toMatch(/href="\/preferences\?token=[\w.-]+"/);
    expect(await subscribers.get('Ann@example.com')).toMatchObject({ status: 'active' });
    expect(await signups.getConsent('Ann@example.com')).toMatchObject({ confirmedAt: now.toISOString() });
    const before = await snapshot(db);
    for (const again of [request('GET', link), request('POST', link, { type: FORM })]) {
      const response = await route(again, deps);
      expect(response.status).toBe(200);
      expect(response.body).toContain('You are subscribed');
    }
    expect(await snapshot(db)).toBe(before);
  });

  it('answers a used link with a clear 409 once its address has left the list', async () => {
    const link = await linkIn('Ann@example.com');
    const token = deps.tokens.sign('unsubscribe', 'Ann@example.com', new Date(now.getTime() + 86400_000));
    await route(request('POST', `/unsubscribe?token=${token}`, { type: FORM }), deps);
    for (const method of ['GET', 'POST']) {
      const again = await route(request(method, link, { type: FORM }), deps);
      expect(again.status).toBe(409);
      expect(again.body).toContain('already been used');
    }
    expect(await subscribers.get('Ann@example.com')).toMatchObject({ status: 'unsubscribed' });
    await signUp('Ann@example.com', ['global', 'asia']);
    await route(request('POST', await linkIn('Ann@example.com'), { type: FORM }), deps);
    expect(await subscribers.get('Ann@example.com')).toMatchObject({ status: 'active' });
  });

  it('mails nothing to a suppressed address that signs up again, answering byte for byte the same', async () => {
    const at = now.toISOString();
    for (const email of ['bounced@example.com', 'complained@example.com']) {
      await subscribers.put({ email, status: 'active', editions: ['global'], createdAt: at, updatedAt: at });
      await subscribers.suppress(email, email.startsWith('bounced') ? 'bounce: General' : 'complaint', now);
    }
    const mailsBefore = (await mails()).length;
    const answers = await Promise.all([
      signUp('bounced@example.com', ['asia']),
      signUp('complained@example.com'),
      signUp('someone-new@example.com'),
    ]);
    expect(new Set(answers.map((a) => `${a.status} ${JSON.stringify(a.headers)} ${a.body}`)).size).toBe(1);
    const mailed = (await mails()).slice(mailsBefore).map((m) => recipientOf(m.mail));
    expect(mailed).toEqual(['someone-new@example.com']);
    expect(await subscribers.get('bounced@example.com')).toMatchObject({ status: 'suppressed', editions: ['global'] });
    expect(await subscribers.get('complained@example.com')).toMatchObject({ status: 'suppressed' });
    expect(log.lines.join('\n')).toContain('confirmation not sent: address suppressed');
  });

  it('keeps a suppression when a link sent before it is used; the operator lifts it, then a signup mails a link', async () => {
    await signUp('late@example.com');
    const link = await linkIn('late@example.com');
    await subscribers.suppress('late@example.com', 'bounce: General', now);
    for (const method of ['GET', 'POST']) {
      const response = await route(request(method, link, { type: FORM }), deps);
      expect(response.status).toBe(409);
      expect(response.body).toContain('paused for this address');
    }
    expect(await subscribers.get('late@example.com')).toMatchObject({ status: 'suppressed' });

    const lifted = await liftSuppression({ subscribers, signups }, 'late@example.com', { resume: false }, now);
    expect(lifted).toMatchObject({ result: 'lifted', subscriber: { status: 'pending' } });
    expect(await subscribers.get('late@example.com')).not.toHaveProperty('suppressedReason');
    await signUp('late@example.com', ['asia']);
    const fresh = await linkIn('late@example.com');
    expect(fresh).not.toBe(link);
    await route(request('POST', fresh, { type: FORM }), deps);
    expect(await subscribers.get('late@example.com')).toMatchObject({ status: 'active', editions: ['asia'] });
  });

  it('shows one button on GET /unsubscribe and changes nothing; POST one-click unsubscribes, twice the same', async () => {
    const token = deps.tokens.sign('unsubscribe', 'Ann@example.com', new Date(now.getTime() + 86400_000));
    const before = await snapshot(db);
    const page = await route(request('GET', `/unsubscribe?token=${token}`), deps);
    expect(page.status).toBe(200);
    expect(page.body.match(/<button/g)).toHaveLength(1);
    expect(page.body).not.toContain('Ann@example.com');
    expect(await snapshot(db)).toBe(before);
    for (let i = 0; i < 2; i++) {
      const done = await route(
        request('POST', `/unsubscribe?token=${token}`, { type: FORM, body: 'List-Unsubscribe=One-Click' }),
        deps,
      );
      expect(done.status).toBe(200);
      expect(done.body).toContain('You are unsubscribed');
    }
    expect(await subscribers.get('Ann@example.com')).toMatchObject({ status: 'unsubscribed' });
  });

  it('changes editions, exports the data and deletes the address, keeping only its hash', async () => {
    const token = deps.tokens.sign('preferences', 'active@example.com', new Date(now.getTime() + 86400_000));
    const page = await route(request('GET', `/preferences?token=${token}`), deps);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<legend>Editions you receive</legend>');
    const saved = await route(
      request('POST', `/preferences?token=${token}`, {
        type: FORM,
        body: form({ action: 'save', editions: ['asia'] }),
      }),
      deps,
    );
    expect(saved.status).toBe(200);
    expect(await subscribers.get('active@example.com')).toMatchObject({ status: 'active', editions: ['asia'] });
    const exported = await route(
      request('POST', `/preferences?token=${token}`, { type: FORM, body: form({ action: 'export' }) }),
      deps,
    );
    expect(exported.headers['content-disposition']).toMatch(/^attachment/);
    expect(JSON.parse(exported.body)).toMatchObject({
      subscriber: { email: 'active@example.com', status: 'active', editions: ['asia'] },
    });
    const deleted = await route(
      request('POST', `/preferences?token=${token}`, { type: FORM, body: form({ action: 'delete' }) }),
      deps,
    );
    expect(deleted.status).toBe(200);
    expect(await subscribers.get('active@example.com')).toBeUndefined();
    expect(await signups.isErased('active@example.com')).toBe(true);
    expect(await signups.isErased('Active@Example.com')).toBe(true);
    expect(await snapshot(db)).not.toContain('active@example.com');
    // What is kept for good is a keyed fingerprint, not the plain hash anyone could compute.
    expect(await snapshot(db)).toContain(`ERASED#${deps.tokens.fingerprint('active@example.com')}`);
    expect(await snapshot(db)).not.toContain(`ERASED#${hashEmail('active@example.com')}`);
    expect((await route(request('GET', `/preferences?token=${token}`), deps)).status).toBe(410);
  });

  it('still honours an erasure kept as a plain hash, from before fingerprints were keyed, and replaces it with the keyed one', async () => {
    await db.send(
      new PutCommand({
        TableName: TEST_TABLE,
        Item: {
          pk: `ERASED#${hashEmail('old@example.com')}`,
          sk: 'TOMBSTONE',
          type: 'tombstone',
          emailHash: hashEmail('old@example.com'),
          erasedAt: now.toISOString(),
        },
      }),
    );
    expect(await signups.isErased('old@example.com')).toBe(true);
    expect(await snapshot(db)).not.toContain(hashEmail('old@example.com'));
    expect(await snapshot(db)).toContain(`ERASED#${deps.tokens.fingerprint('old@example.com')}`);
    expect(await signups.isErased('old@example.com')).toBe(true);
    await signups.clearErased('old@example.com');
    expect(await signups.isErased('old@example.com')).toBe(false);
  });

  it('sends security headers with every page and writes no address to the logs', async () => {
    for (const target of ['/', '/nowhere', '/confirm?token=x.y']) {
      const response = await route(request('GET', target), deps);
      expect(response.headers['content-security-policy']).toMatch(/default-src 'none'.*frame-ancestors 'none'/);
      expect(response.headers['content-security-policy']).not.toContain('script-src');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
    }
    expect(log.lines.length).toBeGreaterThan(5);
    expect(log.lines.join('\n')).not.toMatch(/@example\.com/i);
  });
});
