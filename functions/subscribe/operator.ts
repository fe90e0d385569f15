import type { Consent } from './consent';
import type { Subscriber } from '../core/model';
import type { SignupStore, StoredEntry } from './signup-store';
import type { SubscriberStore } from '../core/store/subscriber-store';

export interface OperatorStores {
  subscribers: SubscriberStore;
  signups: SignupStore;
}

export type AddOutcome =
  | { result: 'added'; subscriber: Subscriber }
  | { result: 'kept'; subscriber: Subscriber; reason: string }
  | { result: 'refused'; reason: string };

/**
 * Adds an address on the operator's word (the CLI, a CSV import), with its consent source. An
 * address that left (unsubscribed, suppressed, deleted or erased) is never brought back this way:
 * only its owner can, through the form and its confirmation link.
 */
export async function addByOperator(
  stores: OperatorStores,
  request: { email: string; editions: string[]; status: 'active' | 'pending'; consent: Consent },
  now: Date,
): Promise<AddOutcome> {
  if (await stores.signups.isErased(request.email))
    return { result: 'refused', reason: 'the address was deleted at its owner’s request' };
  const existing = await stores.subscribers.get(request.email);
  if (existing && existing.status !== 'active' && existing.status !== 'pending')
    return { result: 'refused', reason: `the address is ${existing.status}` };
  if (existing) return { result: 'kept', subscriber: existing, reason: `already ${existing.status}` };
  const at = now.toISOString();
  const subscriber: Subscriber = {
    email: request.email,
    status: request.status,
    editions: request.editions,
    createdAt: at,
    updatedAt: at,
  };
  await stores.subscribers.put(subscriber);
  await stores.signups.putConsent(request.email, request.consent);
  return { result: 'added', subscriber };
}

/** One line of `subscribers list|export`: erased addresses appear by hash only. */
export function exportLine(entry: StoredEntry): Record<string, unknown> {
  if (entry.kind === 'erased') {
    return {
      email: null,
      emailHash: entry.tombstone.emailHash,
      status: 'deleted',
      editions: [],
      createdAt: null,
      updatedAt: entry.tombstone.erasedAt,
    };
  }
  const { subscriber, consent } = entry;
  return { ...subscriber, consent: consent ?? null };
}
