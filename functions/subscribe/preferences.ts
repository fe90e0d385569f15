import type { Consent } from './consent';
import type { Subscriber } from '../core/model';
import type { SubscribeDeps } from './deps';

/** Changes the editions an address receives; its status stays as it is (saving never resubscribes). */
export async function saveEditions(
  subscriber: Subscriber,
  editions: string[],
  deps: SubscribeDeps,
): Promise<Subscriber> {
  const updated = { ...subscriber, editions, updatedAt: deps.clock().toISOString() };
  await deps.subscribers.put(updated);
  deps.log.info('preferences saved', { recipient: deps.tokens.fingerprint(subscriber.email), editions });
  return updated;
}

export interface PersonalData {
  exportedAt: string;
  subscriber: Subscriber;
  consent?: Consent;
  /** Clicks per edition and link id, kept only for editions sent with per-subscriber tracking. */
  clicks?: Record<string, Record<string, number>>;
}

/** Everything Daybreak keeps about one address, for "download my data". */
export async function exportData(subscriber: Subscriber, deps: SubscribeDeps): Promise<PersonalData> {
  const clicks = await deps.clicks?.readerClicks(deps.tokens.readerId(subscriber.email));
  return {
    exportedAt: deps.clock().toISOString(),
    subscriber,
    consent: await deps.signups.getConsent(subscriber.email),
    ...(clicks && Object.keys(clicks).length > 0 ? { clicks } : {}),
  };
}

/** Erases the address and its personal data; only a hash stays, so no later import can mail it. */
export async function deleteMe(email: string, deps: SubscribeDeps): Promise<void> {
  // Clicks kept under the reader's keyed id (editions sent with per-subscriber tracking) go first:
  // the profile goes last, so a crash before it leaves the link working to finish the erasure.
  await deps.clicks?.forgetReader(deps.tokens.readerId(email));
  await deps.signups.erase(email, deps.clock());
  deps.log.info('subscriber erased', { recipient: deps.tokens.fingerprint(email) });
}
