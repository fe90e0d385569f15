import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SubscriberStore } from '../../../functions/core/store/subscriber-store';
import { route } from '../../../functions/subscribe/router';
import type { SubscribeDeps } from '../../../functions/subscribe/deps';
import type { HttpRequest } from '../../../functions/subscribe/http';
import type { LocalSes } from '../../../infra/local/ses';
import { TEST_TABLE } from '../../helpers/stand-ins';
import { readOutbox } from '../../helpers/mail';
import { form, request, snapshot, subscribeStandIns } from '../../helpers/subscribe';
import { testFingerprint } from '../../helpers/link-key';

const now = new Date('2026-11-27T08:00:00Z');
const later = new Date('2026-12-27T08:00:00Z');
const earlier = new Date('2026-11-26T08:00:00Z');
const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

/** Each case: a request built from the signed tokens of the setup, the 4xx it must get and the message that says why. */
type Case = [name: string, make: (t: Tokens) => HttpRequest, status: number, message: RegExp];
interface Tokens {
  confirmUsed: string;
  unsubscribe: string;
  preferences: string;
  sign: SubscribeDeps['tokens'];
}

const post =
  (body: string, type = FORM, accept?: string) =>
  () =>
    request('POST', '/subscribe', { type, body, accept });
const tamper = (token: string) => `${token.slice(0, 10)}${token[10] === 'A' ? 'B' : 'A'}${token.slice(11)}`;

const CASES: Case[] = [
  ['no email field', post(form({ editions: 'global' })), 400, /Enter your email address/],
  ['a blank email', post(form({ email: '   ', editions: 'global' })), 400, /Enter your email address/],
  ['no @', post(form({ email: 'ann.example.com', editions: 'global' })), 400, /like name@example\.com/],
  ['two @', post(form({ email: 'ann@b@example.com', editions: 'global' })), 400, /like name@example\.com/],
  ['no top-level domain', post(form({ email: 'ann@localhost', editions: 'global' })), 400, /like name@example\.com/],
  [
    '255 characters',
    post(form({ email: `${'a'.repeat(60)}@${'b'.repeat(190)}.com`, editions: 'global' })),
    400,
    /at most 254 characters/,
  ],
  [
    'a 65-character local part',
    post(form({ email: `${'a'.repeat(65)}@example.com`, editions: 'global' })),
    400,
    /like name@example\.com/,
  ],
  [
    'CR LF header injection',
    post(form({ email: 'ann@example.com\r\nBcc: victim@example.org', editions: 'global' })),
    400,
    /cannot contain line breaks/,
  ],
  [
    'LF header injection',
    post(form({ email: 'ann@example.com\nCc: victim@example.org', editions: 'global' })),
    400,
    /cannot contain line breaks/,
  ],
  [
    'a trailing CR LF',
    post(form({ email: 'ann@example.com\r\n', editions: 'global' })),
    400,
    /cannot contain line breaks/,
  ],
  ['a display name', post(form({ email: 'Ann <ann@example.com>', editions: 'global' })), 400, /like name@example\.com/],
  [
    'a list of addresses',
    post(form({ email: 'ann@example.com,bob@example.com', editions: 'global' })),
    400,
    /like name@example\.com/,
  ],
  ['an IP literal domain', post(form({ email: 'ann@[127.0.0.1]', editions: 'global' })), 400, /like name@example\.com/],
  ['a space inside', post(form({ email: 'ann smith@example.com', editions: 'global' })), 400, /like name@example\.com/],
  ['a UTF-8 local part', post(form({ email: 'änn@example.com', editions: 'global' })), 400, /like name@example\.com/],
  [
    'two email fields',
    post(form({ email: ['ann@example.com', 'bob@example.com'], editions: 'global' })),
    400,
    /Send one email address/,
  ],
  [
    'an edition not offered',
    post(form({ email: 'ann@example.com', editions: 'sports' })),
    400,
    /Choose among the editions offered/,
  ],
  ['no edition', post(form({ email: 'ann@example.com' })), 400, /Choose at least one edition/],
  ['JSON that is not an object', post('[1,2]', JSON_TYPE, JSON_TYPE), 400, /must be a JSON object/],
  ['unreadable JSON', post('{"email": ', JSON_TYPE, JSON_TYPE), 400, /not valid JSON/],
  [
    'a JSON email that is a number',
    post('{"email": 5, "editions": ["global"]}', JSON_TYPE, JSON_TYPE),
    400,
    /must be text/,
  ],
  ['text/plain', post('email=ann@example.com', 'text/plain'), 415, /application\/x-www-form-urlencoded/],
  [
    'multipart/form-data',
    post('--x\r\n', 'multipart/form-data; boundary=x'),
    415,
    /application\/x-www-form-urlencoded/,
  ],
  [
    'a 100 KB body',
    post(form({ email: 'ann@example.com', editions: 'global', pad: 'x'.repeat(100_000) })),
    413,
    /over 8192 bytes/,
  ],
  [
    'a tampered confirmation token',
    (t) => request('GET', `/confirm?token=${tamper(t.sign.sign('confirm', 'new@example.com', later, 'n1'))}`),
    400,
    /not valid/,
  ],
  [
    'a tampered confirmation token, posted',
    (t) => request('POST', `/confirm?token=${tamper(t.sign.sign('confirm', 'new@example.com', later, 'n1'))}`),
    400,
    /not valid/,
  ],
  [
    'a confirmation token for another address',
    (t) =>
      request(
        'POST',
        `/confirm?token=${t.sign.sign('confirm', 'new@example.com', later, 'n1').split('.')[0]}.${t.confirmUsed.split('.')[1]}`,
      ),
    400,
    /not valid/,
  ],
  [
    'an expired confirmation token',
    (t) => request('POST', `/confirm?token=${t.sign.sign('confirm', 'ann@example.com', earlier, 'n2')}`),
    410,
    /expired/,
  ],
  [
    'a reused confirmation token of an address that left since',
    (t) => request('POST', `/confirm?token=${t.confirmUsed}`),
    409,
    /already been used/,
  ],
  [
    'a confirmation token with an unknown nonce',
    (t) => request('POST', `/confirm?token=${t.sign.sign('confirm', 'ann@example.com', later, 'never-issued')}`),
    400,
    /not valid/,
  ],
  ['no token', () => request('GET', '/confirm'), 400, /no token/],
  [
    'two tokens',
    (t) => request('GET', `/unsubscribe?token=${t.unsubscribe}&token=${t.unsubscribe}`),
    400,
    /more than one token/,
  ],
  ['an unsubscribe token on /confirm', (t) => request('GET', `/confirm?token=${t.unsubscribe}`), 400, /not valid/],
  [
    'a tampered one-click unsubscribe',
    (t) =>
      request('POST', `/unsubscribe?token=${tamper(t.unsubscribe)}`, {
        type: FORM,
        body: 'List-Unsubscribe=One-Click',
      }),
    400,
    /not valid/,
  ],
  [
    'an expired unsubscribe token',
    (t) =>
      request('POST', `/unsubscribe?token=${t.sign.sign('unsubscribe', 'ann@example.com', earlier)}`, {
        type: FORM,
        body: 'List-Unsubscribe=One-Click',
      }),
    410,
    /expired/,
  ],
  [
    'a huge one-click body',
    (t) => request('POST', `/unsubscribe?token=${t.unsubscribe}`, { type: FORM, body: 'x'.repeat(50_000) }),
    413,
    /over 8192 bytes/,
  ],
  [
    'a preferences token on /unsubscribe',
    (t) => request('POST', `/unsubscribe?token=${t.preferences}`, { type: FORM, body: '' }),
    400,
    /not valid/,
  ],
  [
    'an expired preferences token',
    (t) => request('GET', `/preferences?token=${t.sign.sign('preferences', 'ann@example.com', earlier)}`),
    410,
    /expired/,
  ],
  [
    'an unknown preferences action',
    (t) => request('POST', `/preferences?token=${t.preferences}`, { type: FORM, body: form({ action: 'promote' }) }),
    400,
    /Choose one of/,
  ],
  [
    'preferences with an edition not offered',
    (t) =>
      request('POST', `/preferences?token=${t.preferences}`, {
        type: FORM,
        body: form({ action: 'save', editions: 'sports' }),
      }),
    400,
    /Choose among the editions offered/,
  ],
  [
    'preferences with no edition',
    (t) => request('POST', `/preferences?token=${t.preferences}`, { type: FORM, body: form({ action: 'save' }) }),
    400,
    /Choose at least one edition/,
  ],
  [
    'preferences posted as JSON',
    (t) => request('POST', `/preferences?token=${t.preferences}`, { type: JSON_TYPE, body: '{"action":"delete"}' }),
    415,
    /application\/x-www-form-urlencoded/,
  ],
  ['an unknown route', () => request('GET', '/admin'), 404, /no page at this address/],
  ['a path traversal', () => request('GET', '/archive/../../etc/passwd'), 404, /no page at this address/],
  ['an edition that does not exist', () => request('GET', '/archive/2026-11-27/sports'), 404, /no edition called/],
  ['DELETE /preferences', (t) => request('DELETE', `/preferences?token=${t.preferences}`), 405, /answers GET and POST/],
];

describe('bad input to the subscribe API', () => {
  let db: DynamoDBDocumentClient;
  let close: () => Promise<void>;
  let localSes: LocalSes;
  let deps: SubscribeDeps;
  let tokens: Tokens;

  beforeAll(async () => {
    ({ db, deps, localSes, close } = await subscribeStandIns(() => now));
    await new SubscriberStore(db, TEST_TABLE, testFingerprint).put({
      email: 'ann@example.com',
      status: 'active',
      editions: ['global'],
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    });
    // A confirmation link used once already, by an address that has unsubscribed since.
    await route(
      request('POST', '/subscribe', { type: FORM, body: form({ email: 'ann@example.com', editions: 'global' }) }),
      deps,
    );
    const [mail] = await readOutbox(localSes.outboxDir);
    const confirmUsed = /confirm\?token=([\w.-]+)/.exec(mail?.mail.text ?? '')?.[1] ?? '';
    expect((await route(request('POST', `/confirm?token=${confirmUsed}`), deps)).status).toBe(200);
    const unsubscribe = deps.tokens.sign('unsubscribe', 'ann@example.com', later);
    expect((await route(request('POST', `/unsubscribe?token=${unsubscribe}`), deps)).status).toBe(200);
    tokens = {
      confirmUsed,
      unsubscribe,
      preferences: deps.tokens.sign('preferences', 'ann@example.com', later),
      sign: deps.tokens,
    };
  });
  afterAll(() => close());

  it('has at least 25 cases', () => expect(CASES.length).toBeGreaterThanOrEqual(25));

  it.each(CASES)('%s: a clear 4xx, nothing stored changes, nothing is mailed', async (_name, make, status, message) => {
    const before = await snapshot(db);
    const mailsBefore = (await readOutbox(localSes.outboxDir)).length;
    const response = await route(make(tokens), deps);
    expect(response.status).toBe(status);
    const text = response.headers['content-type']?.startsWith('application/json')
      ? (JSON.parse(response.body) as { message: string }).message
      : response.body.replaceAll('&#x3D;', '=').replaceAll('&#x27;', "'");
    expect(text).toMatch(message);
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(await snapshot(db)).toBe(before);
    expect((await readOutbox(localSes.outboxDir)).length).toBe(mailsBefore);
  });
});
