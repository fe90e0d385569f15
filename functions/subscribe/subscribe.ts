import { randomBytes } from 'node:crypto';
import type { Consent } from './consent';
import { sendConfirmation } from '../mail/confirmation-email';
import { publicUrls } from '../mail/public-urls';
import type { SubscribeDeps } from './deps';

export interface SignupRequest {
  /** Already checked and normalized. */
  email: string;
  /** Already checked against the configured editions. */
  editions: string[];
  consent: Consent;
}

export type SignupOutcome = 'mailed' | 'rate-limited' | 'suppressed';

/**
 * Records a signup and mails a confirmation link. A new or still pending address is (re)written as
 * pending with this request's editions and consent; an address in any other state is left exactly
 * as it is until its owner opens the link. A suppressed address (its mail bounced, or its owner
 * marked it as spam) gets no email at all and stays suppressed until the operator lifts it
 * (`daybreak subscribers unsuppress`). The caller answers the same in every case, so the answer
 * never tells who subscribes.
 */
export async function subscribe(request: SignupRequest, deps: SubscribeDeps): Promise<SignupOutcome> {
  const now = deps.clock();
  const at = now.toISOString();
  // Logs name the address by its keyed fingerprint, as the ledger does: without the key nobody can match a list of addresses against it.
  const recipient = deps.tokens.fingerprint(request.email);
  const existing = await deps.subscribers.get(request.email);
  if (existing?.status === 'suppressed') {
    deps.log.info('confirmation not sent: address suppressed', { recipient });
    return 'suppressed';
  }
  if (!existing || existing.status === 'pending') {
    // The consent first, so no profile is ever left without one.
    await deps.signups.putConsent(request.email, request.consent);
    await deps.subscribers.put({
      email: request.email,
      status: 'pending',
      editions: request.editions,
      createdAt: existing?.createdAt ?? at,
      updatedAt: at,
    });
  }
  if (!(await deps.signups.allowConfirmation(request.email, now, deps.settings.maxConfirmationsPerHour))) {
    deps.log.warn('confirmation not sent: rate limit', { recipient });
    return 'rate-limited';
  }
  const nonce = randomBytes(16).toString('base64url');
  const expiresAt = new Date(now.getTime() + deps.settings.confirmTokenHours * 3600_000);
  await deps.signups.issueNonce(
    nonce,
    { emailHash: deps.tokens.fingerprint(request.email), editions: request.editions, consent: request.consent },
    expiresAt,
  );
  const token = deps.tokens.sign('confirm', request.email, expiresAt, nonce);
  const titles = deps.settings.editions.filter((e) => request.editions.includes(e.id)).map((e) => e.title);
  await sendConfirmation(deps.ses, {
    from: deps.settings.from,
    to: request.email,
    confirmUrl: publicUrls(deps.settings.publicUrl).confirm(token),
    expiresAt,
    editions: titles,
    configurationSet: deps.settings.configurationSet,
    identity: deps.settings.identity,
    publicUrl: deps.settings.publicUrl,
  });
  deps.log.info('confirmation sent', { recipient, prior: existing?.status ?? 'new' });
  return 'mailed';
}
