import { hashEmail } from '../core/hash';
import type { Subscriber } from '../core/model';
import type { SubscribeDeps } from './deps';

export type ConfirmOutcome =
  | { ok: true; subscriber: Subscriber }
  | { ok: false; reason: 'invalid' | 'expired' | 'used' | 'gone' };

/**
 * Activates the address a confirmation link names, with the editions of the request that sent the
 * link. The link's nonce is consumed by a conditional write, so it works exactly once.
 */
export async function confirm(token: string, deps: SubscribeDeps): Promise<ConfirmOutcome> {
  const now = deps.clock();
  const check = deps.tokens.verify(token, 'confirm', now);
  if (!check.ok) return { ok: false, reason: check.reason === 'expired' ? 'expired' : 'invalid' };
  if (!check.nonce) return { ok: false, reason: 'invalid' };
  const recipient = hashEmail(check.email);
  const existing = await deps.subscribers.get(check.email);
  // Erased since the link was sent: the link must not bring the address back.
  if (!existing) return { ok: false, reason: 'gone' };
  const use = await deps.signups.consumeNonce(check.nonce, recipient, now);
  if (!use.ok) return { ok: false, reason: use.reason === 'used' ? 'used' : 'invalid' };

  const at = now.toISOString();
  // Written whole: confirming clears any earlier suppression or bounce count along with the status.
  const subscriber: Subscriber = {
    email: check.email,
    status: 'active',
    editions: use.pending.editions,
    createdAt: existing.createdAt,
    updatedAt: at,
  };
  await deps.subscribers.put(subscriber);
  await deps.signups.putConsent(check.email, { ...use.pending.consent, confirmedAt: at });
  await deps.signups.clearErased(check.email);
  deps.log.info('subscriber confirmed', { recipient, prior: existing.status });
  return { ok: true, subscriber };
}
