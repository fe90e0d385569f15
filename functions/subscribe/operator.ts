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
  | { result: 'repaired'; subscriber: Subscriber; reason: string }
  | { result: 'kept'; subscriber: Subscriber; reason: string }
  | { result: 'refused'; reason: string };

/**
 * Adds an address on the operator's word (the CLI, a CSV import), with its consent source. An
 * address that left (unsubscribed, suppressed, deleted or erased) is never brought back this way:
 * only its owner can, through the form and its confirmation link.
 *
 * Safe to cut short at any point and run again (DynamoDB stand-ins have no transactions): the
 * consent is written before the profile, and the profile only where none exists (a conditional
 * put), so a crash leaves at worst a consent record without a profile, which the rerun overwrites
 * and completes; a profile found without its consent (left by an older version) gets this one.
 */
export async function addByOperator(
  stores: OperatorStores,
  request: { email: string; editions: string[]; status: 'active' | 'pending'; consent: Consent },
  now: Date,
): Promise<AddOutcome> {
  if (await stores.signups.isErased(request.email))
    return { result: 'refused', reason: 'the address was deleted at its owner’s request' };
  const existing = await stores.subscribers.get(request.email);
  if (existing) return keepOrRepair(stores, existing, request.consent);
  const at = now.toISOString();
  const subscriber: Subscriber = {
    email: request.email,
    status: request.status,
    editions: request.editions,
    createdAt: at,
    updatedAt: at,
  };
  // A consent record with no profile beside it is what an interrupted add leaves: this add's own.
  await stores.signups.putConsent(request.email, request.consent);
  if (await stores.subscribers.create(subscriber)) return { result: 'added', subscriber };
  // Someone else wrote the profile meanwhile (a signup, another import): theirs stands.
  const winner = await stores.subscribers.get(request.email);
  return winner ? keepOrRepair(stores, winner, request.consent) : { result: 'refused', reason: 'erased meanwhile' };
}

async function keepOrRepair(stores: OperatorStores, existing: Subscriber, consent: Consent): Promise<AddOutcome> {
  if (existing.status !== 'active' && existing.status !== 'pending')
    return { result: 'refused', reason: `the address is ${existing.status}` };
  if (await stores.signups.putConsentIfMissing(existing.email, consent))
    return { result: 'repaired', subscriber: existing, reason: `already ${existing.status}, consent record restored` };
  return { result: 'kept', subscriber: existing, reason: `already ${existing.status}` };
}

export type UnsuppressOutcome =
  | { result: 'lifted'; subscriber: Subscriber }
  | { result: 'kept'; subscriber: Subscriber; reason: string }
  | { result: 'refused'; reason: string };

/**
 * Lifts a suppression (a bounce or a complaint) on the operator's word. The address becomes
 * pending: nothing is mailed to it until its owner signs up again and opens the confirmation link,
 * which the form now sends it. With `resume`, for a cause the operator knows is gone (a mailbox
 * that was full, an owner who wrote in), it is active again with its editions; only an address
 * with a consent record can be.
 */
export async function liftSuppression(
  stores: OperatorStores,
  email: string,
  options: { resume: boolean },
  now: Date,
): Promise<UnsuppressOutcome> {
  const existing = await stores.subscribers.get(email);
  if (!existing) return { result: 'refused', reason: `no subscriber ${email}` };
  if (existing.status !== 'suppressed')
    return { result: 'kept', subscriber: existing, reason: `not suppressed (${existing.status})` };
  if (options.resume && !(await stores.signups.getConsent(email)))
    return { result: 'refused', reason: 'no consent record: lift without --resume and let its owner sign up again' };
  // Written whole: the suppression's reason, time and bounce count go with it.
  const subscriber: Subscriber = {
    email: existing.email,
    status: options.resume ? 'active' : 'pending',
    editions: existing.editions,
    createdAt: existing.createdAt,
    updatedAt: now.toISOString(),
  };
  await stores.subscribers.put(subscriber);
  return { result: 'lifted', subscriber };
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
