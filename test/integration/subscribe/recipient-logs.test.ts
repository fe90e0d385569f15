import { lambdaObservability } from '../../../functions/core/observability';
import type { SubscribeDeps } from '../../../functions/subscribe/deps';
import { route } from '../../../functions/subscribe/router';
import type { LocalSes } from '../../../infra/local/ses';
import { testTokens } from '../../helpers/link-key';
import { captureOutput, expectNoTraceOf, logLines } from '../../helpers/log-privacy';
import { readOutbox, recipientOf } from '../../helpers/mail';
import { form, request, subscribeStandIns } from '../../helpers/subscribe';

const now = new Date('2026-11-27T08:00:00Z');
const FORM = 'application/x-www-form-urlencoded';
const EMAIL = 'Dana.Reader@Example.com';

/**
 * A whole life on the list, through the routes, on dynalite and aws-ses-v2-local: signs up,
 * confirms, saves editions, unsubscribes, erases. The subscribe function's output (Powertools, as
 * in Lambda) names the person by the keyed fingerprint only.
 */
describe('what the subscribe function logs about a subscriber', () => {
  let deps: SubscribeDeps;
  let close: () => Promise<void>;
  let output: string;

  beforeAll(async () => {
    const capture = captureOutput();
    let localSes: LocalSes;
    try {
      ({ deps, close, localSes } = await subscribeStandIns(() => now, lambdaObservability('subscribe').log));
      const post = (path: string, fields: Record<string, string | string[]>) =>
        route(request('POST', path, { type: FORM, body: form(fields) }), deps);
      await post('/subscribe', { email: EMAIL, editions: ['global'] });
      const mail = (await readOutbox(localSes.outboxDir)).find(
        (m) => recipientOf(m.mail).toLowerCase() === EMAIL.toLowerCase(),
      );
      const confirm = /confirm\?token=([\w.-]+)/.exec(mail?.mail.text ?? '')?.[1] ?? '';
      await post(`/confirm?token=${confirm}`, {});
      const expires = new Date(now.getTime() + 86400_000);
      const preferences = testTokens.sign('preferences', EMAIL.toLowerCase(), expires);
      await post(`/preferences?token=${preferences}`, { action: 'save', editions: ['global', 'asia'] });
      await post(`/unsubscribe?token=${testTokens.sign('unsubscribe', EMAIL.toLowerCase(), expires)}`, {});
      await post(`/preferences?token=${preferences}`, { action: 'delete' });
    } finally {
      output = capture.text();
      capture.restore();
    }
  });
  afterAll(async () => close());

  it('prints no address and no unkeyed hash of one', () => {
    expectNoTraceOf(output, EMAIL);
  });

  it('names the subscriber by the keyed fingerprint at every step', () => {
    const lines = logLines(output);
    const recipient = testTokens.fingerprint(EMAIL);
    for (const message of [
      'confirmation sent',
      'subscriber confirmed',
      'preferences saved',
      'subscriber unsubscribed',
      'subscriber erased',
    ])
      expect(lines).toContainEqual(expect.objectContaining({ message, recipient }));
  });
});
