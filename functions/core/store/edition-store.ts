import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { RenderedEditionSchema, type RenderedEdition } from '../model';
import {
  conditionalDelete,
  conditionalUpdate,
  type PlainItemWriter,
  putIfAbsent,
  putItemIfAbsent,
} from './conditional';
import { queryAll } from './query-all';
import { getAll } from './batch-get';

export const EDITION_PK = (date: string, edition: string) => `EDITION#${date}#${edition}`;
/**
 * A ledger item's sort key, from the recipient's keyed fingerprint (`TokenSigner.fingerprint`, the
 * `key` of an active subscriber): a ledger kept for an erased subscriber names nobody.
 */
const LEDGER = (recipient: string) => `TO#${recipient}`;
/** Counters that feedback and the senders keep per edition, and the pause flag. */
const STATS = 'STATS';

/** Why a recipient of an enqueued batch was not mailed. */
export type SkipReason = 'unsubscribed' | 'suppressed' | 'deleted' | 'pending' | 'not-subscribed-to-edition' | 'paused';

export interface DeliveryReport {
  sent: number;
  failed: number;
  /** Claimed but never recorded: a send that may or may not have happened, never retried blindly. */
  unknown: number;
  /** Failed recipients by reason (the SES error name). */
  failures: Record<string, number>;
  skipped: number;
  /** Skipped recipients by reason. */
  skips: Record<string, number>;
  bounces: number;
  complaints: number;
  /** Set when complaints neared the bulk-sender limit and sending stopped. */
  paused?: string;
}

export type DeliveryOutcome = { status: 'sent'; messageId: string } | { status: 'failed'; reason: string };

export interface EditionStats {
  /** Messages SES accepted, counted by the senders batch by batch: the complaint rate's denominator. */
  sent: number;
  bounces: number;
  complaints: number;
  paused?: string;
  /** The counts when an operator last resumed the edition: the complaint rate counts from there. */
  resumedAt?: { sent: number; complaints: number };
}

/** What the archive index shows of each kept edition. */
const EditionSummarySchema = z.pick(RenderedEditionSchema, { headlines: true, subject: true });

/** Rendered editions, their send ledger (one item per edition and recipient) and their feedback counters. */
export class EditionStore {
  /**
   * @param ledgerDb where the per-recipient `claim` and `record` go, as plain (hand-marshalled)
   *   commands: the sender passes the SDK-less `AwsClients.ledgerDb`; by default the document
   *   client, which passes plain commands through.
   */
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly ledgerDb: PlainItemWriter = db,
  ) {}

  async saveRendered(rendered: RenderedEdition): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: EDITION_PK(rendered.date, rendered.edition), sk: 'EDITION', type: 'edition', ...rendered },
      }),
    );
  }

  async getRendered(date: string, edition: string): Promise<RenderedEdition | undefined> {
    const result = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: EDITION_PK(date, edition), sk: 'EDITION' },
        ConsistentRead: true,
      }),
    );
    return result.Item ? RenderedEditionSchema.parse(result.Item) : undefined;
  }

  /**
   * The headlines and subject of each kept edition named, by `date/edition`, in one batched read
   * of their items: what the archive's index shows. An edition missing from the table is absent.
   */
  async summaries(
    editions: { date: string; edition: string }[],
  ): Promise<Map<string, Pick<RenderedEdition, 'headlines' | 'subject'>>> {
    const items = await getAll(
      this.db,
      this.tableName,
      editions.map(({ date, edition }) => ({ pk: EDITION_PK(date, edition), sk: 'EDITION' })),
      { projection: '#date, #edition, headlines, subject', names: { '#date': 'date', '#edition': 'edition' } },
    );
    const found = new Map<string, Pick<RenderedEdition, 'headlines' | 'subject'>>();
    for (const item of items) {
      const summary = EditionSummarySchema.safeParse(item);
      if (summary.success) found.set(`${item.date}/${item.edition}`, summary.data);
    }
    return found;
  }

  /**
   * Claims (edition, recipient) with a conditional write; `recipient` is the keyed fingerprint here
   * and in `release`, `record` and `skip`. Only the first claim wins, so a
   * redelivered batch never mails anyone twice. Returns the claim's id, or undefined when the
   * ledger already holds the recipient (sent, failed, skipped, or a claim left by a crash).
   */
  async claim(date: string, edition: string, recipient: string, now: Date): Promise<string | undefined> {
    const claimId = crypto.randomUUID();
    const written = await putItemIfAbsent(this.ledgerDb, this.tableName, {
      pk: { S: EDITION_PK(date, edition) },
      sk: { S: LEDGER(recipient) },
      type: { S: 'delivery' },
      status: { S: 'claimed' },
      claimId: { S: claimId },
      claimedAt: { S: now.toISOString() },
    });
    return written ? claimId : undefined;
  }

  /**
   * Gives a claim back, when SES said for certain that it did not take the message (throttling,
   * 5xx): only our own claim, and only while it is still a claim, is deleted.
   */
  async release(date: string, edition: string, recipient: string, claimId: string): Promise<void> {
    await conditionalDelete(this.db, {
      TableName: this.tableName,
      Key: { pk: EDITION_PK(date, edition), sk: LEDGER(recipient) },
      ConditionExpression: '#status = :claimed AND claimId = :id',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':claimed': 'claimed', ':id': claimId },
    });
  }

  async record(date: string, edition: string, recipient: string, outcome: DeliveryOutcome, now: Date): Promise<void> {
    const NULL = { NULL: true } as const;
    await this.ledgerDb.send(
      new UpdateItemCommand({
        TableName: this.tableName,
        Key: { pk: { S: EDITION_PK(date, edition) }, sk: { S: LEDGER(recipient) } },
        UpdateExpression: 'SET #status = :status, messageId = :messageId, reason = :reason, recordedAt = :now',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':status': { S: outcome.status },
          ':messageId': outcome.status === 'sent' ? { S: outcome.messageId } : NULL,
          ':reason': outcome.status === 'failed' ? { S: outcome.reason } : NULL,
          ':now': { S: now.toISOString() },
        },
      }),
    );
  }

  /**
   * Which of `recipients` (by their `key`, the keyed fingerprint) have no ledger item for the edition
   * at all (neither sent, failed, skipped nor claimed): the ones nobody has tried yet. Strongly
   * consistent, 100 keys a call.
   */
  async notInLedger<T extends { key: string }>(date: string, edition: string, recipients: T[]): Promise<T[]> {
    const keyOf = new Map(recipients.map((recipient) => [LEDGER(recipient.key), recipient]));
    const found = await getAll(
      this.db,
      this.tableName,
      [...keyOf.keys()].map((sk) => ({ pk: EDITION_PK(date, edition), sk })),
      { projection: 'sk', consistent: true },
    );
    for (const item of found) keyOf.delete(String(item.sk));
    return [...keyOf.values()];
  }

  /** Records a recipient as skipped, unless the ledger holds them already. Returns whether it did. */
  skip(date: string, edition: string, recipient: string, reason: SkipReason, now: Date): Promise<boolean> {
    return putIfAbsent(this.db, this.tableName, {
      pk: EDITION_PK(date, edition),
      sk: LEDGER(recipient),
      type: 'delivery',
      status: 'skipped',
      reason,
      recordedAt: now.toISOString(),
    });
  }

  async stats(date: string, edition: string): Promise<EditionStats> {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: EDITION_PK(date, edition), sk: STATS },
        ConsistentRead: true,
      }),
    );
    return statsOf(Item ?? {});
  }

  /** Adds to the edition's counters in one update (a counter item, so no ledger scan is needed). */
  async count(
    date: string,
    edition: string,
    counts: Partial<Record<'sent' | 'bounces' | 'complaints', number>>,
  ): Promise<EditionStats> {
    const entries = Object.entries(counts).filter(([, n]) => n !== undefined && n !== 0);
    if (entries.length === 0) return this.stats(date, edition);
    const result = await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: EDITION_PK(date, edition), sk: STATS },
        UpdateExpression: `ADD ${entries.map(([name]) => `#${name} :${name}`).join(', ')}`,
        ExpressionAttributeNames: Object.fromEntries(entries.map(([name]) => [`#${name}`, name])),
        ExpressionAttributeValues: Object.fromEntries(entries.map(([name, n]) => [`:${name}`, n])),
        ReturnValues: 'ALL_NEW',
      }),
    );
    return statsOf(result.Attributes ?? {});
  }

  /** Stops the edition's sending: senders check the flag before each batch. */
  async pause(date: string, edition: string, reason: string): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: EDITION_PK(date, edition), sk: STATS },
        UpdateExpression: 'SET paused = if_not_exists(paused, :reason)',
        ExpressionAttributeValues: { ':reason': reason },
      }),
    );
  }

  /**
   * Lifts a pause, for an operator who has looked into the complaints. The complaint rate then
   * counts from this moment (the counts now are kept as its baseline); otherwise the next complaint
   * would pause the edition again at once. Returns the reason it was paused for, or undefined when
   * it was not paused.
   */
  async resume(date: string, edition: string): Promise<string | undefined> {
    const update = await conditionalUpdate(this.db, {
      TableName: this.tableName,
      Key: { pk: EDITION_PK(date, edition), sk: STATS },
      UpdateExpression:
        'SET resumedSent = if_not_exists(sent, :zero), resumedComplaints = if_not_exists(complaints, :zero) REMOVE paused',
      ConditionExpression: 'attribute_exists(paused)',
      ExpressionAttributeValues: { ':zero': 0 },
      ReturnValues: 'UPDATED_OLD',
    });
    return update.written ? String(update.output.Attributes?.paused ?? 'paused') : undefined;
  }

  /**
   * Deletes the ledger's "skipped: paused" records, so that a resumed edition can reach those
   * recipients; each delete is conditional, so no other record is ever touched. Returns how many.
   */
  async forgetPausedSkips(date: string, edition: string): Promise<number> {
    let released = 0;
    for await (const item of this.ledger(date, edition, 'pk, sk, #status, reason')) {
      if (item.status !== 'skipped' || item.reason !== 'paused') continue;
      const deleted = await conditionalDelete(this.db, {
        TableName: this.tableName,
        Key: { pk: item.pk, sk: item.sk },
        ConditionExpression: '#status = :skipped AND reason = :paused',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':skipped': 'skipped', ':paused': 'paused' },
      });
      if (deleted.written) released++;
    }
    return released;
  }

  /**
   * Marks an SES event (message and kind) as seen for the edition. Returns false when it was seen
   * already: SNS delivers at least once, and a repeat must not count twice.
   */
  firstFeedback(date: string, edition: string, sesMessageId: string, kind: string, now: Date): Promise<boolean> {
    return putIfAbsent(this.db, this.tableName, {
      pk: EDITION_PK(date, edition),
      sk: `FEEDBACK#${sesMessageId}#${kind}`,
      type: 'feedback',
      at: now.toISOString(),
      expiresAt: Math.floor(now.getTime() / 1000) + 90 * 86400,
    });
  }

  /** Counts the ledger of one edition, page by page, and adds the feedback counters. */
  async report(date: string, edition: string): Promise<DeliveryReport> {
    const report: DeliveryReport = {
      sent: 0,
      failed: 0,
      unknown: 0,
      failures: {},
      skipped: 0,
      skips: {},
      bounces: 0,
      complaints: 0,
    };
    for await (const item of this.ledger(date, edition, '#status, reason')) {
      const reason = String(item.reason ?? 'unknown').split(':')[0] ?? 'unknown';
      if (item.status === 'sent') report.sent++;
      else if (item.status === 'failed') {
        report.failed++;
        report.failures[reason] = (report.failures[reason] ?? 0) + 1;
      } else if (item.status === 'skipped') {
        report.skipped++;
        report.skips[reason] = (report.skips[reason] ?? 0) + 1;
      } else report.unknown++;
    }
    const stats = await this.stats(date, edition);
    report.bounces = stats.bounces;
    report.complaints = stats.complaints;
    if (stats.paused) report.paused = stats.paused;
    return report;
  }

  /** The edition's ledger items, page by page, with the attributes named (`#status` stands for status). */
  private ledger(date: string, edition: string, projection: string): AsyncGenerator<Record<string, unknown>> {
    return queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :to)',
      ExpressionAttributeValues: { ':pk': EDITION_PK(date, edition), ':to': 'TO#' },
      ProjectionExpression: projection,
      ExpressionAttributeNames: { '#status': 'status' },
    });
  }
}

function statsOf(item: Record<string, unknown>): EditionStats {
  const stats: EditionStats = {
    sent: Number(item.sent ?? 0),
    bounces: Number(item.bounces ?? 0),
    complaints: Number(item.complaints ?? 0),
    paused: typeof item.paused === 'string' ? item.paused : undefined,
  };
  if (item.resumedSent !== undefined)
    stats.resumedAt = { sent: Number(item.resumedSent), complaints: Number(item.resumedComplaints ?? 0) };
  return stats;
}
