import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { loadConfigFile } from '../../functions/core/load-config-file';
import type { DaybreakConfig } from '../../functions/core/daybreak-config';

/** A mistake in how the CLI was called: printed as one clear line, exit 1. */
export class UsageError extends Error {}

/** node:util parseArgs, with its errors turned into UsageErrors. */
export function parseCommandArgs<T extends ParseArgsConfig>(config: T) {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

export const commonOptions = {
  data: { type: 'string', default: '.daybreak' },
  config: { type: 'string', default: 'config/daybreak.json' },
} as const;

export function loadCliConfig(file: string): DaybreakConfig {
  return loadConfigFile(path.resolve(file));
}
