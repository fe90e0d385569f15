import { SendRawEmailCommand, type SendRawEmailCommandOutput } from '@aws-sdk/client-ses';
import type { Clock } from '../core/clock';
import type { Logger } from '../core/log';
import type { SendBatch, Subscriber } from '../core/model';
import type { EditionStore, SkipReason } from '../core/store/edition-store';
import type { SubscriberStore } from '../core/store/subscriber-store';
import type { TokenSigner } from '../core/tokens';
import type { RateLimiter } from './token-bucket';
import type { RenderedEdition } from '../core/model';
import { senderDomainOf } from '../mail/compose';
import { PrecomposedDigest } from '../mail/precompose';
import { publicUrls } from '../mail/public-urls';
import type { EditionCopies, EditionCopy } from './edition-copies';
import { classifySesError } from './ses-errors';

export interface SenderSettings {
  /** `Name <address>` */
  from: string;
  publicUrl: string;
  configurationSet?: string;
  /** Attempts per recipient when SES throttles, before the batch is left for a later delivery. */
  maxAttempts?: number;
  /** Recipients in flight at once within a batch: enough to keep the pace while SES answers. */
  parallel?: number;
}

/** What the sender needs of SES: the SDK's client, or `SesWire` (the same call without the SDK's middleware). */
export interface RawEmailClient {
  send(command: SendRawEmailCommand): Promise<SendRawEmailCommandOutput>;
}

export interface SendDeps {
  editions: EditionStore;
  subscribers: SubscriberStore;
  ses: RawEmailClient;
  tokens: TokenSigner;
  clock: Clock;
  log: Logger;
  settings: SenderSettings;
  /** Paces SendRawEmail calls to this sender's share of the SES rate. */
  limiter: RateLimiter;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Editions this sender has read and composed already; without it, each batch reads and composes its own. */
  copies?: EditionCopies;
}

export interface BatchOutcome {
  sent: number;
  skipped: number;
  failed: number;
  /** Sent or not, we cannot tell (SES gave no answer): left claimed, never resent. */
  unknown: number;
  /** Already in the ledger (a redelivered batch): left as they were. */
  already: number;
  /** Sends SES throttled and that were tried again. */
  throttled: number;
  emailBytes: number;
}

/** SES would not take the batch now (throttling that outlasted the retries, or sending paused): deliver it again later. */
export class SendDeferredError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'SendDeferredError';
  }
}

const UNSUBSCRIBE_TOKEN_DAYS = 365;
const DEFAULT_ATTEMPTS = 6;
const BACKOFF_BASE_MS = 100;
const BACKOFF_CAP_MS = 5000;
/** Tries of a ledger write that follows an SES answer, beyond the SDK's own retries. */
const LEDGER_WRITE_ATTEMPTS = 3;

/**
 * Sends one edition to one batch of recipients, exactly once each: every recipient is claimed in the
 * ledger right before SES is called (after the rate limiter's token) and recorded after, so a
 * redelivered batch skips whoever is in the ledger already, including a claim a crash left behind
 * (reported "unknown": SES may have accepted it, so it is never resent blindly).
 */
export async function sendBatch(batch: SendBatch, deps: SendDeps): Promise<BatchOutcome> {
  const load = () => editionCopy(batch, deps.editions, deps.settings);
  const copy = await (deps.copies ? deps.copies.get(batch.date, batch.edition, load) : load());
  const outcome: BatchOutcome = { sent: 0, skipped: 0, failed: 0, unknown: 0, already: 0, throttled: 0, emailBytes: 0 };
  const now = deps.clock();

  const { paused } = await deps.editions.stats(batch.date, batch.edition);
  if (paused) {
    // Complaints neared the limit: nobody else gets this edition; each is recorded, with the reason.
    for (const email of batch.recipients) await skip(batch, email, 'paused', deps, outcome, now);
    return outcome;
  }

  const subscribers = await deps.subscribers.getMany(batch.recipients);
  let next = 0;
  let stop: unknown;
  const worker = async () => {
    while (stop === undefined && next < batch.recipients.length) {
      const email = batch.recipients[next++] as string;
      try {
        const reason = skipReason(subscribers.get(email), batch.edition);
        if (reason) await skip(batch, email, reason, deps, outcome, deps.clock());
        else await sendOne(batch, copy, email, deps, outcome);
      } catch (error) {
        stop ??= error;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, deps.settings.parallel ?? 1) }, worker));
  } finally {
    // The complaint rate's denominator; counted per batch, not per message, to keep the item cool.
    if (outcome.sent > 0) await deps.editions.count(batch.date, batch.edition, { sent: outcome.sent });
  }
  if (stop !== undefined) throw stop;
  return outcome;
}

function skipReason(subscriber: Subscriber | undefined, edition: string): SkipReason | undefined {
  if (!subscriber) return 'deleted';
  if (subscriber.status !== 'active') return subscriber.status;
  return subscriber.editions.includes(edition) ? undefined : 'not-subscribed-to-edition';
}

async function skip(
  batch: SendBatch,
  email: string,
  reason: SkipReason,
  deps: SendDeps,
  outcome: BatchOutcome,
  now: Date,
): Promise<void> {
  if (await deps.editions.skip(batch.date, batch.edition, deps.tokens.fingerprint(email), reason, now))
    outcome.skipped++;
  else outcome.already++;
}

async function sendOne(
  batch: SendBatch,
  copy: EditionCopy,
  email: string,
  deps: SendDeps,
  outcome: BatchOutcome,
): Promise<void> {
  const raw = compose(copy.digest, copy.edition, email, deps);
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = deps.random ?? Math.random;
  const settle = (write: () => Promise<void>) => persist(write, sleep, random);
  // The ledger names the recipient by its keyed fingerprint only, so erasure leaves it nameless.
  const recipient = deps.tokens.fingerprint(email);
  const maxAttempts = deps.settings.maxAttempts ?? DEFAULT_ATTEMPTS;
  for (let attempt = 1; ; attempt++) {
    // The token first, the claim right before the call: a crash while waiting for the pace leaves no
    // claim, so a claim left behind always means "SES may have taken it" (reported unknown).
    await deps.limiter.take();
    const claimId = await deps.editions.claim(batch.date, batch.edition, recipient, deps.clock());
    if (!claimId) {
      outcome.already++;
      return;
    }
    let messageId: string;
    try {
      const result = await deps.ses.send(
        new SendRawEmailCommand({
          RawMessage: { Data: raw },
          ConfigurationSetName: deps.settings.configurationSet,
          // Feedback events carry these tags back, so bounces and complaints land on the edition.
          Tags: [
            { Name: 'edition', Value: batch.edition },
            { Name: 'date', Value: batch.date },
          ],
        }),
      );
      messageId = result.MessageId ?? '';
    } catch (error) {
      const { kind, reason: said } = classifySesError(error);
      // SES may quote the address in its message: the ledger keeps the reason, never the address.
      const reason = withoutAddress(said, email);
      if (kind === 'permanent') {
        await settle(() =>
          deps.editions.record(batch.date, batch.edition, recipient, { status: 'failed', reason }, deps.clock()),
        );
        deps.log.warn('send failed', { recipient, reason });
        outcome.failed++;
        return;
      }
      if (kind === 'ambiguous') {
        deps.log.error('send outcome unknown, claim kept', { recipient, reason });
        outcome.unknown++;
        return;
      }
      // SES took nothing: give the claim back, so a crash from here on leaves nothing "unknown".
      await settle(() => deps.editions.release(batch.date, batch.edition, recipient, claimId));
      if (kind === 'halt' || attempt >= maxAttempts)
        throw new SendDeferredError(`SES did not take the message after ${attempt} attempt(s): ${reason}`);
      outcome.throttled++;
      await sleep(random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt));
      continue;
    }
    // Sent: from here, a failure leaves the claim, which reports as unknown and is never resent.
    await settle(() =>
      deps.editions.record(batch.date, batch.edition, recipient, { status: 'sent', messageId }, deps.clock()),
    );
    outcome.sent++;
    outcome.emailBytes = Math.max(outcome.emailBytes, raw.byteLength);
    return;
  }
}

/**
 * Once SES has answered, the ledger must learn it: a claim left behind would cost the recipient
 * this edition (or report them "unknown"), so the write is tried again before the batch gives up.
 */
async function persist(
  write: () => Promise<void>,
  sleep: (ms: number) => Promise<void>,
  random: () => number,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= LEDGER_WRITE_ATTEMPTS) throw error;
      await sleep(random() * BACKOFF_BASE_MS * 2 ** attempt);
    }
  }
}

/**
 * What follows each click link's signature in this copy: its delivery time (clicks within seconds of
 * it are link scanners), and for editions sent with per-subscriber tracking the reader's keyed id.
 */
function clickSuffix(edition: RenderedEdition, email: string, deps: SendDeps): string {
  const delivered = `&d=${Math.floor(deps.clock().getTime() / 1000)}`;
  if (!edition.clickReaders) return delivered;
  return `${delivered}&r=${deps.tokens.readerId(email)}`;
}

/** The edition as rendered, and composed once: each recipient's message is this one with their headers and links spliced in. */
async function editionCopy(batch: SendBatch, editions: EditionStore, settings: SenderSettings): Promise<EditionCopy> {
  const edition = await editions.getRendered(batch.date, batch.edition);
  if (!edition) throw new Error(`edition ${batch.date}/${batch.edition} has not been rendered`);
  return { edition, digest: await precompose(batch, edition, settings) };
}

function precompose(batch: SendBatch, edition: RenderedEdition, settings: SenderSettings): Promise<PrecomposedDigest> {
  const urls = publicUrls(settings.publicUrl);
  return PrecomposedDigest.compose({
    from: settings.from,
    subject: edition.subject,
    html: edition.html,
    text: edition.text,
    personalMarkers: edition.personalMarkers,
    listId: `${batch.edition}.${senderDomainOf(settings.from)}`,
    feedbackId: `${batch.date}:${batch.edition}:daybreak`,
    archiveUrl: urls.archivePage(batch.date, batch.edition),
  });
}

function compose(digest: PrecomposedDigest, edition: RenderedEdition, email: string, deps: SendDeps): Buffer {
  const urls = publicUrls(deps.settings.publicUrl);
  const expires = new Date(deps.clock().getTime() + UNSUBSCRIBE_TOKEN_DAYS * 86400000);
  return digest.forRecipient(email, {
    unsubscribeUrl: urls.unsubscribe(deps.tokens.sign('unsubscribe', email, expires)),
    preferencesUrl: urls.preferences(deps.tokens.sign('preferences', email, expires)),
    clickSuffix: clickSuffix(edition, email, deps),
  });
}

/** `text` with every occurrence of `email` (in any case) replaced by "<recipient>". */
function withoutAddress(text: string, email: string): string {
  const trimmed = email.trim();
  if (!trimmed) return text;
  return text.replace(new RegExp(trimmed.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), '<recipient>');
}
