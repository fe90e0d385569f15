import type { Clock } from '../core/clock';
import type { Logger } from '../core/log';
import type { EditionStore } from '../core/store/edition-store';
import type { EnqueueProgressStore } from './enqueue-progress';
import { ACTIVE_SUBSCRIBER_SHARDS } from '../core/table';

export interface ResumeOutcome {
  /** Why the edition had been paused; undefined when it was not paused. */
  pausedFor?: string;
  /** Recipients whose "skipped: paused" record was lifted, so they can be sent to. */
  released: number;
}

/**
 * Readies a paused edition (one already built: the caller checks) to go on: lifts the pause (the complaint rate counts afresh from now),
 * forgets the recipients the senders skipped while it was paused, and starts the fan-out over.
 * The fan-out that follows enqueues every active subscriber again; the send ledger mails only
 * those without a record, so nobody who had the edition gets it twice.
 */
export async function resumeEdition(
  date: string,
  edition: string,
  deps: { editions: EditionStore; progress: EnqueueProgressStore; clock: Clock; log: Logger },
): Promise<ResumeOutcome> {
  const pausedFor = await deps.editions.resume(date, edition);
  const released = await deps.editions.forgetPausedSkips(date, edition);
  await deps.progress.reset(date, edition, ACTIVE_SUBSCRIBER_SHARDS, deps.clock());
  deps.log.info('edition resumed', { date, edition, pausedFor: pausedFor ?? null, released });
  return { pausedFor, released };
}
