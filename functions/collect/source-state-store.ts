import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import * as z from 'zod/mini';
import type { PlainItemWriter } from '../core/store/conditional';
import { type BatchItemReader, getAllMarshalled } from '../core/store/batch-get';
import { type BatchItemWriter, putAllMarshalled } from '../core/store/batch-write';
import { marshalFlat, unmarshalFlat } from '../core/store/marshal-flat';

/** What Daybreak remembers of each source between runs: conditional-GET validators, the last body's fingerprint and failures. */
export const SourceStateSchema = z.object({
  source: z.string(),
  etag: z.optional(z.string()),
  lastModified: z.optional(z.string()),
  /** Fingerprint of the last document read and stored (body-fingerprint.ts): the same again is skipped unparsed. */
  bodyHash: z.optional(z.string()),
  lastFetchedAt: z.optional(z.string()),
  lastSuccessAt: z.optional(z.string()),
  consecutiveFailures: z._default(z.number().check(z.int(), z.gte(0)), 0),
  nextAttemptAt: z.optional(z.string()),
  lastError: z.optional(z.string()),
});
export type SourceState = z.infer<typeof SourceStateSchema>;

/**
 * Where states are read and written, as plain (hand-marshalled) commands: the SDK-less
 * `AwsClients.itemsDb` in the collector, whose run then never takes the SDK's cold middleware
 * path; the document client passes such commands through as well.
 */
export type SourceStateDb = BatchItemReader & BatchItemWriter & PlainItemWriter;

const KEY = (source: string) => ({ pk: { S: `SOURCE#${source}` }, sk: { S: 'STATE' } });
// Every field of a state is a string or a number: it marshals flat, undefined fields left out.
const item = (state: SourceState) =>
  marshalFlat({ pk: `SOURCE#${state.source}`, sk: 'STATE', type: 'source-state', ...state });

export class SourceStateStore {
  constructor(
    private readonly db: SourceStateDb,
    private readonly tableName: string,
  ) {}

  /** The state of each named source; a source never seen before, or whose stored state is unreadable, has a fresh state. */
  async getMany(sources: string[]): Promise<Map<string, SourceState>> {
    const items = await getAllMarshalled(this.db, this.tableName, sources.map(KEY));
    const states = new Map(sources.map((source) => [source, SourceStateSchema.parse({ source })]));
    for (const item of items) {
      const parsed = SourceStateSchema.safeParse(unmarshalFlat(item));
      if (parsed.success) states.set(parsed.data.source, parsed.data);
    }
    return states;
  }

  async put(state: SourceState): Promise<void> {
    await this.db.send(new PutItemCommand({ TableName: this.tableName, Item: item(state) }));
  }

  /** Many states in batches of 25: a run's worth of stored fingerprints costs a few requests, not one each. */
  async putMany(states: SourceState[]): Promise<void> {
    await putAllMarshalled(this.db, this.tableName, states.map(item));
  }
}
