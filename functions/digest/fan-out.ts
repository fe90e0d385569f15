import type { Clock } from '../core/clock';
import type { Logger } from '../core/log';
import type { EnqueueProgressStore, ShardProgress } from './enqueue-progress';
import type { EditionStore } from '../core/store/edition-store';
import type { SubscriberStore } from '../core/store/subscriber-store';
import { toSendBatches, type RecipientQueue } from '../core/send-queue';
import { ACTIVE_SUBSCRIBER_SHARDS } from '../core/table';
import { unledgered } from './completeness';

export interface FanOutDeps {
  subscribers: SubscriberStore;
  editions: EditionStore;
  progress: EnqueueProgressStore;
  queue: RecipientQueue;
  clock: Clock;
  log: Logger;
  sleep?: (ms: number) => Promise<void>;
  /** How long a run waits for a shard another run holds before it reports the shard busy. */
  leaseWaitMs?: number;
}

export interface FanOutResult {
  /** Recipients on the queue for this edition, by this run and any before it. */
  recipients: number;
  /** Recipients this run put on the queue (the reconciled ones included). */
  enqueued: number;
  /** Recipients an earlier run had enqueued but the ledger never saw (lost with a crash), enqueued again. */
  reconciled: number;
  /** Shards another run still held when this one stopped waiting: not done, so the edition is not complete. */
  busyShards: number;
}

/** A page lease outlives a stalled run by this much; then another run takes the page over. */
export const LEASE_MS = 2 * 60_000;
const PAGE_SIZE = 500;
const POLL_MS = 5_000;

/**
 * Enqueues an edition's active subscribers, shard by shard and page by page, recording progress
 * after each page: a second run for the same edition resumes where the first stopped, so nobody is
 * enqueued twice (and the send ledger would still catch it if a crash made a page go out again).
 * It does not trust the cursor alone: in the part of each shard that earlier runs enqueued, whoever
 * has no ledger item (a queue message lost with a crash) is enqueued again. A shard another run
 * holds is waited for (up to `leaseWaitMs`), taken over once its lease expires, and otherwise
 * reported busy, never counted as done.
 */
export async function fanOut(
  date: string,
  edition: string,
  deps: FanOutDeps,
  pageSize = PAGE_SIZE,
): Promise<FanOutResult> {
  const owner = crypto.randomUUID();
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const deadline = deps.clock().getTime() + (deps.leaseWaitMs ?? LEASE_MS + POLL_MS);
  const result: FanOutResult = { recipients: 0, enqueued: 0, reconciled: 0, busyShards: 0 };
  const enqueue = (recipients: string[]) => deps.queue.enqueue(toSendBatches(date, edition, recipients));

  let pending: number[] = [];
  for (let shard = 0; shard < ACTIVE_SUBSCRIBER_SHARDS; shard++) {
    const progress = await deps.progress.get(date, edition, shard);
    if (progress.after !== undefined) {
      for await (const missing of unledgered(date, edition, shard, deps, { upTo: progress.after, pageSize })) {
        await enqueue(missing);
        result.reconciled += missing.length;
      }
    }
    pending.push(shard);
  }
  if (result.reconciled > 0)
    deps.log.warn('recipients enqueued earlier never reached the ledger: enqueued again', {
      date,
      edition,
      reconciled: result.reconciled,
    });
  result.enqueued += result.reconciled;

  for (;;) {
    const busy: { shard: number; until: number }[] = [];
    for (const shard of pending) {
      const done = await advanceShard(date, edition, shard, owner, deps, pageSize, enqueue);
      result.enqueued += done.enqueued;
      if (done.busyUntil) busy.push({ shard, until: done.busyUntil.getTime() });
      else result.recipients += done.progress.count;
    }
    pending = busy.map((b) => b.shard);
    const now = deps.clock().getTime();
    if (pending.length === 0 || now >= deadline) break;
    // Another run holds these shards: look again when its lease could be gone, within our bound.
    const soonest = Math.min(...busy.map((b) => b.until));
    await sleep(Math.max(1, Math.min(POLL_MS, soonest - now + 1, deadline - now)));
  }
  result.busyShards = pending.length;
  if (pending.length > 0)
    deps.log.error('shards still held by another run: the edition is not completely enqueued', {
      date,
      edition,
      shards: pending.join(', '),
    });
  return result;
}

/** Enqueues one shard from its cursor to its end, or stops at a live lease another run holds. */
async function advanceShard(
  date: string,
  edition: string,
  shard: number,
  owner: string,
  deps: FanOutDeps,
  pageSize: number,
  enqueue: (recipients: string[]) => Promise<void>,
): Promise<{ progress: ShardProgress; enqueued: number; busyUntil?: Date }> {
  let progress = await deps.progress.get(date, edition, shard);
  let enqueued = 0;
  for (;;) {
    const now = deps.clock();
    if (progress.leasedUntil && progress.leasedUntil > now && progress.leaseOwner !== owner)
      return { progress, enqueued, busyUntil: progress.leasedUntil };
    const page = await deps.subscribers.activePage(edition, shard, progress.after, pageSize);
    if (page.last === undefined) return { progress, enqueued };
    const leased = await deps.progress.lease(
      date,
      edition,
      shard,
      progress.after,
      owner,
      now,
      new Date(now.getTime() + LEASE_MS),
    );
    if (!leased) {
      // Another run moved or leased the shard since we read it: look again.
      progress = await deps.progress.get(date, edition, shard);
      continue;
    }
    try {
      await enqueue(page.subscribers.map((s) => s.email));
    } catch (error) {
      // Part of the page may be on the queue: the next run enqueues the page again, and the ledger dedupes.
      await deps.progress.unlease(date, edition, shard, owner).catch(() => undefined);
      throw error;
    }
    const count = await deps.progress.advance(date, edition, shard, page.last, page.subscribers.length, owner);
    enqueued += page.subscribers.length;
    progress = { after: page.last, count };
    if (!page.more) return { progress, enqueued };
  }
}
