import { readFileSync } from 'node:fs';
import { parseDaybreakConfig, type DaybreakConfig } from './daybreak-config';

/** Reads and validates the operator's configuration file; errors name the file and the field. */
export function loadConfigFile(file: string): DaybreakConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read configuration ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`configuration ${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  return parseDaybreakConfig(value, `configuration ${file}`);
}
