import type { Clock } from '../core/clock';
import type { Logger } from '../core/log';
import type { EditionStore } from '../core/store/edition-store';
import type { SubscriberStore } from '../core/store/subscriber-store';
import { editionOf, type SesEvent } from './ses-event';

export interface FeedbackSettings {
  /** Transient bounces an address may have before it is suppressed. */
  transientBounceLimit: number;
  /** complaints / sent at which an edition's sending pauses (Gmail's bulk-sender limit is 0.003). */
  complaintPauseRate: number;
  /** Messages an edition must have sent before its complaint rate means anything. */
  minSentForRate: number;
}

export const defaultFeedbackSettings: FeedbackSettings = {
  transientBounceLimit: 3,
  complaintPauseRate: 0.0025,
  minSentForRate: 500,
};

export interface FeedbackDeps {
  subscribers: SubscriberStore;
  editions: EditionStore;
  clock: Clock;
  log: Logger;
  settings: FeedbackSettings;
}

export interface FeedbackOutcome {
  kind: string;
  suppressed: number;
  transient: number;
  /** Set when this event paused the edition. */
  paused?: string;
  /** Set when SNS had delivered this event already. */
  duplicate?: boolean;
}

/**
 * Acts on one SES event: a permanent bounce or a complaint suppresses the address at once; a
 * transient bounce is counted and suppresses after repeats. Bounces and complaints are added to
 * the edition's report, and a complaint rate nearing the limit pauses the edition's sending.
 */
export async function handleSesEvent(event: SesEvent, deps: FeedbackDeps): Promise<FeedbackOutcome> {
  const outcome: FeedbackOutcome = { kind: event.kind, suppressed: 0, transient: 0 };
  const now = deps.clock();
  const edition = editionOf(event);
  const bounce = event.bounce;
  const complaint = event.complaint;
  if (!bounce && !complaint) return outcome;

  // Logs name the message, not the address: feedback holds no link key, and an unkeyed hash of an
  // address is reversed by hashing a list of addresses. The ledger joins the message id to the
  // recipient's keyed fingerprint.
  // Suppression first: it is idempotent, so a retried or repeated delivery can never lose one.
  const permanent = bounce?.bounceType === 'Permanent' ? bounce.bouncedRecipients : [];
  for (const { emailAddress } of permanent) {
    if (await deps.subscribers.suppress(emailAddress.trim(), `bounce: ${bounce?.bounceSubType}`, now))
      outcome.suppressed++;
    deps.log.info('permanent bounce', { messageId: event.mail.messageId, subType: bounce?.bounceSubType });
  }
  for (const { emailAddress } of complaint?.complainedRecipients ?? []) {
    if (
      await deps.subscribers.suppress(
        emailAddress.trim(),
        `complaint: ${complaint?.complaintFeedbackType ?? 'abuse'}`,
        now,
      )
    )
      outcome.suppressed++;
    deps.log.info('complaint', { messageId: event.mail.messageId });
  }

  // Counts are not idempotent: SNS delivers at least once, so only an event's first delivery counts.
  if (
    !(await deps.editions.firstFeedback(
      edition?.date ?? 'none',
      edition?.edition ?? 'none',
      event.mail.messageId,
      event.kind,
      now,
    ))
  )
    return { ...outcome, duplicate: true };
  if (bounce && bounce.bounceType !== 'Permanent') {
    for (const { emailAddress } of bounce.bouncedRecipients) {
      const email = emailAddress.trim();
      outcome.transient++;
      const count = await deps.subscribers.countTransientBounce(email, now);
      if (
        count !== undefined &&
        count >= deps.settings.transientBounceLimit &&
        (await deps.subscribers.suppress(email, `bounce: ${count} transient bounces`, now))
      )
        outcome.suppressed++;
      deps.log.info('transient bounce', { messageId: event.mail.messageId, count: count ?? null });
    }
  }
  if (!edition) {
    deps.log.warn('feedback names no edition', { kind: event.kind });
    return outcome;
  }
  const stats = await deps.editions.count(edition.date, edition.edition, {
    bounces: bounce?.bouncedRecipients.length,
    complaints: complaint?.complainedRecipients.length,
  });
  if (complaint) {
    // After an operator resumed the edition, the rate counts from then.
    const sent = stats.sent - (stats.resumedAt?.sent ?? 0);
    const complaints = stats.complaints - (stats.resumedAt?.complaints ?? 0);
    const rate = sent > 0 ? complaints / sent : 0;
    if (!stats.paused && sent >= deps.settings.minSentForRate && rate >= deps.settings.complaintPauseRate) {
      outcome.paused = `complaint rate ${(rate * 100).toFixed(2)}% (${complaints} of ${sent}${stats.resumedAt ? ' since it was resumed' : ''}) reached ${(deps.settings.complaintPauseRate * 100).toFixed(2)}%`;
      await deps.editions.pause(edition.date, edition.edition, outcome.paused);
      deps.log.error('edition paused', { ...edition, reason: outcome.paused });
    }
  }
  return outcome;
}
