import * as z from 'zod';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getAll } from '../core/store/batch-get';
import { putAll } from '../core/store/batch-write';

/** What Daybreak remembers of each source between runs: conditional-GET validators, the last body's fingerprint and failures. */
export const SourceStateSchema = z.object({
  source: z.string(),
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  /** Fingerprint of the last document read and stored (body-fingerprint.ts): the same again is skipped unparsed. */
  bodyHash: z.string().optional(),
  lastFetchedAt: z.string().optional(),
  lastSuccessAt: z.string().optional(),
  consecutiveFailures: z.number().int().min(0).default(0),
  nextAttemptAt: z.string().optional(),
  lastError: z.string().optional(),
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
