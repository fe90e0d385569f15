import { readFileSync } from 'node:fs';
import * as z from 'zod';
import { commonSettings } from '../core/common-settings';
import { type ResolvedSource, ResolvedSourceSchema } from '../core/daybreak-config';
import { ConfigError, json, number, type SettingsOf, settingsContract, text } from '../core/settings-contract';

const sources = json('DAYBREAK_SOURCES', z.array(ResolvedSourceSchema).optional());

/** The collect function's settings: the table, the sources, the editions, and how long articles are kept. */
const contract = settingsContract({
  table: commonSettings.table,
  sources,
  /** A JSON file of sources beside the bundle: a Lambda's environment holds only 4 KB, a long source list does not fit. */
  sourcesFile: text('DAYBREAK_SOURCES_FILE', z.string().min(1).optional()),
  editions: commonSettings.editions,
  retentionDays: number('DAYBREAK_RETENTION_DAYS', z.number().int().min(1).default(30)),
  collectEveryMinutes: number('DAYBREAK_COLLECT_EVERY_MINUTES', z.number().int().min(1).default(30)),
  /** Lets the collector reach loopback and private addresses: the local stack's own sample sources only. */
  allowPrivateAddresses: json('DAYBREAK_ALLOW_PRIVATE_ADDRESSES', z.boolean().default(false)),
});

export type CollectFunctionSettings = SettingsOf<typeof contract.fields>;
export const CollectSettingsSchema = contract.schema;
export const { fromEnvironment, toEnvironment } = contract;

/**
 * The sources, from DAYBREAK_SOURCES (JSON) or else the file DAYBREAK_SOURCES_FILE names (relative
 * to the working directory, the bundle's folder in Lambda). Fails naming the setting at fault.
 */
export function loadSources(settings: Pick<CollectFunctionSettings, 'sources' | 'sourcesFile'>): ResolvedSource[] {
  if (settings.sources) return settings.sources;
  if (!settings.sourcesFile)
    throw new ConfigError('DAYBREAK_SOURCES or DAYBREAK_SOURCES_FILE: one of them must name the sources');
  let content: string;
  try {
    content = readFileSync(settings.sourcesFile, 'utf8');
  } catch (error) {
    throw new ConfigError(
      `DAYBREAK_SOURCES_FILE: cannot read ${settings.sourcesFile} (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  // The file holds what DAYBREAK_SOURCES would: it is read, and named, as that setting.
  return settingsContract({ sources }).fromEnvironment({ DAYBREAK_SOURCES: content }).sources ?? [];
}
