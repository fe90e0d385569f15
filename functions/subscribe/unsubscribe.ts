import type { SubscribeDeps } from './deps';

/**
 * Unsubscribes at once (the one-click POST). Idempotent: a second call, or an address already
 * unsubscribed, suppressed or erased, changes nothing and answers the same.
 */
export async function unsubscribe(email: string, deps: SubscribeDeps): Promise<void> {
  const subscriber = await deps.subscribers.get(email);
  if (!subscriber || (subscriber.status !== 'active' && subscriber.status !== 'pending')) return;
  await deps.subscribers.put({ ...subscriber, status: 'unsubscribed', updatedAt: deps.clock().toISOString() });
  deps.log.info('subscriber unsubscribed', { recipient: deps.tokens.fingerprint(email), prior: subscriber.status });
}
