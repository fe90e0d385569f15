import type { SubscribeDeps } from '../../../functions/subscribe/deps';
import type { HttpResponse } from '../../../functions/subscribe/http';
import { route } from '../../../functions/subscribe/router';
import type { LocalSes } from '../../../infra/local/ses';
import { readOutbox, recipientOf } from '../../helpers/mail';
import { EDITIONS, form, request, subscribeStandIns } from '../../helpers/subscribe';

const FORM = 'application/x-www-form-urlencoded';
const now = new Date('2026-11-27T09:00:00Z');
const day = 86400_000;

/** An operator's own list: every page and answer a subscriber meets says its name, never Daybreak's. */
describe('the subscriber pages of a list branded "Morning Brief"', () => {
  let deps: SubscribeDeps;
  let localSes: LocalSes;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const standIns = await subscribeStandIns(() => now);
    ({ localSes, close } = standIns);
    deps = {
      ...standIns.deps,
      settings: {
        ...standIns.deps.settings,
        from: 'Morning Brief <digest@news.example.com>',
        editions: EDITIONS.map((e, i) => ({ ...e, title: i === 0 ? 'Morning Brief' : 'Morning Brief Asia' })),
        identity: {
          brand: { name: 'Morning Brief', accent: '#8a1538', accentDark: '#f4a6bd' },
          postalAddress: '1 Example Street, London',
        },
      },
    };
  });
  afterAll(() => close());

  const wearsTheBrand = (response: HttpResponse, status: number, text: string) => {
    expect(response.status).toBe(status);
    expect(response.body).toContain(text);
    expect(response.body).not.toContain('Daybreak');
  };
  const signUp = async (email: string) => {
    const answer = await route(
      request('POST', '/subscribe', { type: FORM, body: form({ email, editions: 'global' }) }),
      deps,
    );
    const mails = (await readOutbox(localSes.outboxDir)).filter((m) => recipientOf(m.mail) === email);
    const text = mails[mails.length - 1]?.mail.text ?? '';
    return { answer, link: /https:\/\/news\.example\.com(\/confirm\?token=[\w.-]+)/.exec(text)?.[1] ?? '' };
  };
  const signed = (purpose: 'unsubscribe' | 'preferences', email: string, expires = new Date(now.getTime() + day)) =>
    `/${purpose}?token=${deps.tokens.sign(purpose, email, expires)}`;

  it('from the form to the confirmation, its preferences and unsubscribing', async () => {
    wearsTheBrand(await route(request('GET', '/'), deps), 200, 'Morning Brief');
    const { answer, link } = await signUp('mb@example.com');
    wearsTheBrand(answer, 200, 'If the address can receive Morning Brief, a confirmation link is on its way.');
    const asJson = await route(
      request('POST', '/subscribe', {
        type: FORM,
        accept: 'application/json',
        body: form({ email: 'json@example.com', editions: 'global' }),
      }),
      deps,
    );
    expect(asJson.body).toContain('If the address can receive Morning Brief');
    wearsTheBrand(await route(request('GET', link), deps), 200, 'Send Morning Brief to');
    wearsTheBrand(await route(request('POST', link, { type: FORM }), deps), 200, 'Morning Brief will arrive');
    wearsTheBrand(
      await route(request('GET', signed('preferences', 'mb@example.com')), deps),
      200,
      '<h1>Your Morning Brief</h1>',
    );
    wearsTheBrand(
      await route(request('GET', signed('unsubscribe', 'mb@example.com')), deps),
      200,
      'Stop sending Morning Brief to',
    );
    wearsTheBrand(
      await route(request('POST', signed('unsubscribe', 'mb@example.com'), { type: FORM }), deps),
      200,
      'You will receive no more Morning Brief emails at this address.',
    );
    wearsTheBrand(await route(request('GET', link), deps), 409, 'Sign up again to receive Morning Brief.');
  });

  it('in every answer to a link that no longer works', async () => {
    const paused = await signUp('paused@example.com');
    await deps.subscribers.suppress('paused@example.com', 'bounce', now);
    wearsTheBrand(await route(request('GET', paused.link), deps), 409, 'Morning Brief is paused for this address');
    const gone = await signUp('gone@example.com');
    await deps.signups.erase('gone@example.com', now);
    wearsTheBrand(await route(request('POST', gone.link), deps), 410, 'Sign up again to receive Morning Brief.');
    wearsTheBrand(
      await route(request('GET', signed('preferences', 'gone@example.com')), deps),
      410,
      'Sign up again to receive Morning Brief.',
    );
    wearsTheBrand(
      await route(request('GET', signed('unsubscribe', 'mb@example.com', new Date(now.getTime() - day))), deps),
      410,
      'Use the link in a more recent Morning Brief email.',
    );
    wearsTheBrand(
      await route(request('GET', '/unsubscribe?token=forged.token'), deps),
      400,
      'Copy the whole link from a Morning Brief email.',
    );
    wearsTheBrand(
      await route(request('GET', `/preferences?token=${'x'.repeat(1100)}`), deps),
      400,
      'The link is longer than any link Morning Brief sends.',
    );
  });

  it('in the confirmation email', async () => {
    await signUp('mail@example.com');
    const [mail] = (await readOutbox(localSes.outboxDir)).filter((m) => recipientOf(m.mail) === 'mail@example.com');
    expect(mail?.mail.subject).toBe('Confirm your Morning Brief subscription');
    expect(`${mail?.mail.text}${mail?.mail.html}`).not.toContain('Daybreak');
  });
});
