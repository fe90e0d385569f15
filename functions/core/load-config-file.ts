import { readFileSync } from 'node:fs';
import { fileProblem } from './file-problem';
import { CONFIG_KEYS, parseDaybreakConfig, type DaybreakConfig } from './daybreak-config';

/** Reads and validates the operator's configuration file; errors name the file and the field. */
export function loadConfigFile(file: string, overrides: Record<string, unknown> = {}): DaybreakConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(fileProblem(`configuration ${file}`, error));
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(
      `configuration ${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const keys = Object.keys(overrides);
  return parseDaybreakConfig(
    applyOverrides(value, overrides),
    keys.length > 0 ? `configuration ${file} with ${keys.map((k) => `-c ${k}`).join(' ')}` : `configuration ${file}`,
  );
}

/** Picks the keys that override the configuration (`sender.address`, `ses.maxSendRate`, `editions`, ...) out of CDK context. */
export function configOverrides(context: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(context).filter(([key]) => CONFIG_KEYS.includes(key.split('.')[0] ?? '')));
}

/**
 * Sets each dotted key of `overrides` in a copy of `value`. A string that reads as JSON (a number,
 * a list, an object) is taken as that JSON, since `cdk -c` can only pass strings.
 */
export function applyOverrides(value: unknown, overrides: Record<string, unknown>): unknown {
  const copy = structuredClone(value) as Record<string, unknown>;
  for (const [key, raw] of Object.entries(overrides)) {
    const parts = key.split('.');
    let node: Record<string, unknown> = copy;
    for (const part of parts.slice(0, -1)) {
      if (typeof node[part] !== 'object' || node[part] === null) node[part] = {};
      node = node[part] as Record<string, unknown>;
    }
    node[parts[parts.length - 1] ?? key] = typeof raw === 'string' ? readJson(raw) : raw;
  }
  return copy;
}

function readJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
