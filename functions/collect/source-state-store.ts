import * as z from 'zod/mini';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getAll } from '../core/store/batch-get';
import { putAll } from '../core/store/batch-write';

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

const KEY = (source: string) => ({ pk: `SOURCE#${source}`, sk: 'STATE' });
const item = (state: SourceState) => ({ ...KEY(state.source), type: 'source-state', ...state });

export class SourceStateStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** The state of each named source; a source never seen before has a fresh state. */
  async getMany(sources: string[]): Promise<Map<string, SourceState>> {
    const items = await getAll(this.db, this.tableName, sources.map(KEY));
    const states = new Map(sources.map((source) => [source, SourceStateSchema.parse({ source })]));
    for (const item of items) {
      const parsed = SourceStateSchema.safeParse(item);
      if (parsed.success) states.set(parsed.data.source, parsed.data);
    }
    return states;
  }

  async put(state: SourceState): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.tableName, Item: item(state) }));
  }

  /** Many states in batches of 25: a run's worth of stored fingerprints costs a few requests, not one each. */
  async putMany(states: SourceState[]): Promise<void> {
    await putAll(this.db, this.tableName, states.map(item));
  }
}
