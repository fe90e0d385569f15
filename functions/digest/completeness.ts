import type { DeliveryReport, EditionStore } from '../core/store/edition-store';
import type { SubscriberStore } from '../core/store/subscriber-store';
import { ACTIVE_SUBSCRIBER_SHARDS } from '../core/table';

export interface CompletenessDeps {
  editions: EditionStore;
  subscribers: SubscriberStore;
}

/** A delivery report that adds up: recipients = sent + failed + skipped + unknown + missing. */
export interface CompleteReport extends DeliveryReport {
  recipients: number;
  /** Active subscribers of the edition with no ledger item at all: never tried, queued or lost. */
  missing: number;
}

const PAGE_SIZE = 500;

/**
 * The active subscribers of `edition` in one shard of the active index who have no ledger item for
 * the edition, page by page (the list never sits in memory whole), by address. With `upTo` (an index
 * key, as the fan-out cursor holds), only those up to and including it: the part of the shard an
 * earlier fan-out recorded as enqueued.
 */
export async function* unledgered(
  date: string,
  edition: string,
  shard: number,
  deps: CompletenessDeps,
  options: { upTo?: string; pageSize?: number } = {},
): AsyncGenerator<string[]> {
  const { upTo, pageSize = PAGE_SIZE } = options;
  let after: string | undefined;
  for (;;) {
    const page = await deps.subscribers.activePage(edition, shard, after, pageSize);
    // The index sorts by the key's bytes; compare them the same way.
    const inRange = page.subscribers.filter(
      (s) => upTo === undefined || Buffer.compare(Buffer.from(s.key), Buffer.from(upTo)) <= 0,
    );
    if (inRange.length > 0) {
      const missing = await deps.editions.notInLedger(date, edition, inRange);
      if (missing.length > 0) yield missing.map((s) => s.email);
    }
    if (!page.more || page.last === undefined) return;
    if (upTo !== undefined && Buffer.compare(Buffer.from(page.last), Buffer.from(upTo)) >= 0) return;
    after = page.last;
  }
}

/** How many active subscribers of the edition have no ledger item, over every shard. */
export async function countMissing(date: string, edition: string, deps: CompletenessDeps): Promise<number> {
  let missing = 0;
  for (let shard = 0; shard < ACTIVE_SUBSCRIBER_SHARDS; shard++)
    for await (const page of unledgered(date, edition, shard, deps)) missing += page.length;
  return missing;
}

/** The edition's delivery report with its missing recipients, so that every recipient is accounted for. */
export async function completeReport(date: string, edition: string, deps: CompletenessDeps): Promise<CompleteReport> {
  const report = await deps.editions.report(date, edition);
  const missing = await countMissing(date, edition, deps);
  return {
    recipients: report.sent + report.failed + report.skipped + report.unknown + missing,
    missing,
    ...report,
  };
}
