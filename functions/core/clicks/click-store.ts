import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { EDITION_PK } from '../store/edition-store';
import { queryAll } from '../store/query-all';
import type { FilterReason } from './bot-filter';
import { hllEstimate } from './hyperloglog';

/**
 * Counter partitions per edition. A click picks one at random, so a burst on one edition (50,000
 * clicks in 10 minutes) spreads over this many partitions instead of one hot key; a report reads
 * them all (one Query each).
 */
export const CLICK_SHARDS = 16;

const shardPk = (date: string, edition: string, shard: number) =>
  `CLICKS#${date}#${edition}#${String(shard).padStart(2, '0')}`;
const hourSk = (at: Date) => `HOUR#${at.toISOString().slice(0, 13)}`;
const readerPk = (reader: string) => `READER#${reader}`;
const readerSk = (date: string, edition: string) => `CLICKS#${date}#${edition}`;

/**
 * How long an edition's click counts, link map and per-reader clicks are kept after the edition's
 * day: long enough for a quarter's report, then DynamoDB's TTL deletes them (`expiresAt`).
 */
export const CLICK_STATS_DAYS = 90;
const expiresAt = (date: string) => Math.floor(Date.parse(`${date}T00:00:00Z`) / 1000) + (CLICK_STATS_DAYS + 1) * 86400;
const LINK = 'l_';
const REGISTER = 'u';

/** One click to count: its link, and either why it was filtered or the unique-clicker register it sets. */
export interface Click {
  date: string;
  edition: string;
  linkId: string;
  at: Date;
  filtered?: FilterReason;
  unique?: { register: number; rank: number };
  /** The reader's keyed id: only for editions sent with per-subscriber tracking (with consent). */
  reader?: string;
}

export interface ClickStats {
  clicks: number;
  /** Estimated (HyperLogLog): distinct clickers, never stored one by one. */
  uniqueClickers: number;
  filtered: Record<FilterReason, number>;
  /** Clicks per link id. */
  links: Record<string, number>;
}

const TrackedLinkSchema = z.object({ url: z.string(), headline: z.string() });
const LinkMapSchema = z.record(z.string(), TrackedLinkSchema);

/** What a tracked link leads to: the article's URL, and its headline for the trending list. */
export type TrackedLink = z.infer<typeof TrackedLinkSchema>;

/** An edition's tracked links by id: what the click route redirects to, kept with the edition. */
export type LinkMap = z.infer<typeof LinkMapSchema>;

/**
 * Click counts per (edition, link) in sharded hourly counter items, each edition's link map, and
 * the unique-clicker registers (the item shapes are documented in functions/core/table.ts). Every
 * item expires CLICK_STATS_DAYS after the edition's day; `deleteEdition` removes them sooner, and
 * `forgetReader` removes one reader's clicks on erasure.
 */
export class ClickStore {
  private readonly linkCache = new Map<string, Promise<LinkMap | undefined>>();

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly random: () => number = Math.random,
  ) {}

  async saveLinks(date: string, edition: string, links: LinkMap): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: EDITION_PK(date, edition), sk: 'LINKS', type: 'edition-links', links, expiresAt: expiresAt(date) },
      }),
    );
  }

  /** The edition's link map; kept in memory once found, as it never changes after the render. */
  links(date: string, edition: string): Promise<LinkMap | undefined> {
    const key = `${date}#${edition}`;
    const cached = this.linkCache.get(key);
    if (cached) return cached;
    const read = this.db
      .send(new GetCommand({ TableName: this.tableName, Key: { pk: EDITION_PK(date, edition), sk: 'LINKS' } }))
      .then((result) => (result.Item ? LinkMapSchema.parse(result.Item.links) : undefined));
    // Only a found map is kept: an edition being built may not have saved its map yet.
    read.then(
      (map) => (map ? undefined : this.linkCache.delete(key)),
      () => this.linkCache.delete(key),
    );
    if (this.linkCache.size > 100) this.linkCache.clear();
    this.linkCache.set(key, read);
    return read;
  }

  /** Counts one click: one update on a random shard, with nothing conditional, so none is ever lost to a race. */
  async count(click: Click): Promise<void> {
    const shard = Math.floor(this.random() * CLICK_SHARDS);
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = { ':one': 1, ':expires': expiresAt(click.date) };
    const adds: string[] = [];
    if (click.filtered) {
      adds.push(click.filtered === 'timing' ? 'filteredTiming :one' : 'filteredAgent :one');
    } else {
      names['#link'] = `${LINK}${click.linkId}`;
      adds.push('clicks :one', '#link :one');
      if (click.unique) {
        names['#register'] = `${REGISTER}${click.unique.register}`;
        values[':rank'] = new Set([click.unique.rank]);
        adds.push('#register :rank');
      }
    }
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: shardPk(click.date, click.edition, shard), sk: hourSk(click.at) },
        UpdateExpression: `ADD ${adds.join(', ')} SET expiresAt = :expires`,
        ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
        ExpressionAttributeValues: values,
      }),
    );
    // Kept under the reader's own partition, so erasure finds every one of them with one Query.
    if (click.reader && !click.filtered)
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: readerPk(click.reader), sk: readerSk(click.date, click.edition) },
          UpdateExpression: 'ADD #link :one SET expiresAt = :expires',
          ExpressionAttributeNames: { '#link': `${LINK}${click.linkId}` },
          ExpressionAttributeValues: { ':one': 1, ':expires': expiresAt(click.date) },
        }),
      );
  }

  /** The edition's click counts, from every shard; with `between`, only the hours in [from, to). */
  async stats(date: string, edition: string, between?: { from: Date; to: Date }): Promise<ClickStats> {
    const stats: ClickStats = { clicks: 0, uniqueClickers: 0, filtered: { timing: 0, agent: 0 }, links: {} };
    const registers = new Map<number, number>();
    const shards = Array.from({ length: CLICK_SHARDS }, async (_, shard) => {
      const items: Record<string, unknown>[] = [];
      for await (const item of queryAll(this.db, {
        TableName: this.tableName,
        KeyConditionExpression: between ? 'pk = :pk AND sk BETWEEN :from AND :to' : 'pk = :pk',
        ExpressionAttributeValues: {
          ':pk': shardPk(date, edition, shard),
          ...(between ? { ':from': hourSk(between.from), ':to': hourSk(new Date(between.to.getTime() - 1)) } : {}),
        },
        ConsistentRead: true,
      }))
        items.push(item);
      return items;
    });
    for (const items of await Promise.all(shards))
      for (const item of items) {
        stats.clicks += Number(item.clicks ?? 0);
        stats.filtered.timing += Number(item.filteredTiming ?? 0);
        stats.filtered.agent += Number(item.filteredAgent ?? 0);
        for (const [name, value] of Object.entries(item)) {
          if (name.startsWith(LINK)) {
            const id = name.slice(LINK.length);
            stats.links[id] = (stats.links[id] ?? 0) + Number(value);
          } else if (/^u\d+$/.test(name) && value instanceof Set) {
            const register = Number(name.slice(REGISTER.length));
            for (const rank of value as Set<number>)
              registers.set(register, Math.max(registers.get(register) ?? 0, Number(rank)));
          }
        }
      }
    stats.uniqueClickers = Math.min(stats.clicks, hllEstimate(registers));
    return stats;
  }

  /** One reader's clicks (per-subscriber editions), link id → clicks per edition: for their data export. */
  async readerClicks(reader: string): Promise<Record<string, Record<string, number>>> {
    const clicks: Record<string, Record<string, number>> = {};
    for await (const item of queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': readerPk(reader) },
    }))
      clicks[String(item.sk).slice('CLICKS#'.length)] = linkCounts(item);
    return clicks;
  }

  /** Erasure: deletes every click item kept under a reader's id. Returns how many. */
  async forgetReader(reader: string): Promise<number> {
    let deleted = 0;
    for await (const item of queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': readerPk(reader) },
      ProjectionExpression: 'pk, sk',
    })) {
      await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: { pk: item.pk, sk: item.sk } }));
      deleted++;
    }
    return deleted;
  }

  /** Deletes an edition's counters and link map before their TTL (per-reader items expire by theirs). Returns how many. */
  async deleteEdition(date: string, edition: string): Promise<number> {
    let deleted = 0;
    for (let shard = 0; shard < CLICK_SHARDS; shard++)
      for await (const item of queryAll(this.db, {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': shardPk(date, edition, shard) },
        ProjectionExpression: 'pk, sk',
      })) {
        await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: { pk: item.pk, sk: item.sk } }));
        deleted++;
      }
    await this.db.send(
      new DeleteCommand({ TableName: this.tableName, Key: { pk: EDITION_PK(date, edition), sk: 'LINKS' } }),
    );
    this.linkCache.delete(`${date}#${edition}`);
    return deleted;
  }
}

/** The `l_<link id>` counters of an item, by link id. */
function linkCounts(item: Record<string, unknown>): Record<string, number> {
  const links: Record<string, number> = {};
  for (const [name, value] of Object.entries(item))
    if (name.startsWith(LINK)) links[name.slice(LINK.length)] = Number(value);
  return links;
}
