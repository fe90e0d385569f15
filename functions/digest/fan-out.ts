import type { Clock } from '../core/clock';
import type { Logger } from '../core/log';
import type { EnqueueProgressStore } from './enqueue-progress';
import type { SubscriberStore } from '../core/store/subscriber-store';
import { toSendBatches, type RecipientQueue } from '../core/send-queue';
import { ACTIVE_SUBSCRIBER_SHARDS } from '../core/table';

export interface FanOutDeps {
  subscribers: SubscriberStore;
  progress: EnqueueProgressStore;
  queue: RecipientQueue;
  clock: Clock;
  log: Logger;
}

export interface FanOutResult {
  /** Recipients on the queue for this edition, by this run and any before it. */
  recipients: number;
  /** Recipients this run put on the queue. */
  enqueued: number;
  /** Shards another run is enqueueing right now (left to it). */
  busyShards: number;
}

/** A page lease outlives a stalled run by this much; then another run may take the page over. */
const LEASE_MS = 15 * 60_000;
const PAGE_SIZE = 500;

/**
 * Enqueues an edition's active subscribers, shard by shard and page by page, recording progress
 * after each page: a second run for the same edition resumes where the first stopped, so nobody is
 * enqueued twice (and the send ledger would still catch it if a crash made a page go out again).
 */
export async function fanOut(
  date: string,
  edition: string,
  deps: FanOutDeps,
  pageSize = PAGE_SIZE,
): Promise<FanOutResult> {
  const owner = crypto.randomUUID();
  const result: FanOutResult = { recipients: 0, enqueued: 0, busyShards: 0 };
  for (let shard = 0; shard < ACTIVE_SUBSCRIBER_SHARDS; shard++) {
    let progress = await deps.progress.get(date, edition, shard);
    for (;;) {
      const now = deps.clock();
      if (progress.leasedUntil && progress.leasedUntil > now && progress.leaseOwner !== owner) {
        deps.log.warn('shard is being enqueued by another run', { date, edition, shard });
        result.busyShards++;
        break;
      }
      const page = await deps.subscribers.activePage(edition, shard, progress.after, pageSize);
      if (page.last === undefined) break;
      if (
        !(await deps.progress.lease(
          date,
          edition,
          shard,
          progress.after,
          owner,
          now,
          new Date(now.getTime() + LEASE_MS),
        ))
      ) {
        // Another run moved or leased the shard since we read it: look again.
        progress = await deps.progress.get(date, edition, shard);
        continue;
      }
      try {
        await deps.queue.enqueue(
          toSendBatches(
            date,
            edition,
            page.subscribers.map((s) => s.email),
          ),
        );
      } catch (error) {
        // Part of the page may be on the queue: the next run enqueues the page again, and the ledger dedupes.
        await deps.progress.unlease(date, edition, shard, owner).catch(() => undefined);
        throw error;
      }
      const count = await deps.progress.advance(date, edition, shard, page.last, page.subscribers.length, owner);
      result.enqueued += page.subscribers.length;
      progress = { after: page.last, count };
      if (!page.more) break;
    }
    result.recipients += progress.count;
  }
  return result;
}
