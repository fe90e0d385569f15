import * as z from 'zod/mini';
import { commonSettings } from '../core/common-settings';
import { ResolvedSourceSchema } from '../core/daybreak-config';
import { bundledJson, json, number, type SettingsOf, settingsContract } from '../core/settings-contract';

/** The collect function's settings: the table, the sources, the editions, and how long articles are kept. */
const contract = settingsContract({
  table: commonSettings.table,
  /** A file beside the bundle: a Lambda's environment holds only 4 KB, a long source list does not fit. */
  sources: bundledJson('DAYBREAK_SOURCES_FILE', 'sources.json', z.array(ResolvedSourceSchema)),
  editions: commonSettings.editions,
  retentionDays: number('DAYBREAK_RETENTION_DAYS', z._default(z.number().check(z.int(), z.gte(1)), 30)),
  collectEveryMinutes: number('DAYBREAK_COLLECT_EVERY_MINUTES', z._default(z.number().check(z.int(), z.gte(1)), 30)),
  /** Lets the collector reach loopback and private addresses: the local stack's own sample sources only. */
  allowPrivateAddresses: json('DAYBREAK_ALLOW_PRIVATE_ADDRESSES', z._default(z.boolean(), false)),
});

export type CollectFunctionSettings = SettingsOf<typeof contract.fields>;
export const CollectSettingsSchema = contract.schema;
export const { fromEnvironment, toEnvironment, bundledFiles } = contract;
