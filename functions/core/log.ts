/** What domain code logs through (Powertools in Lambda). Callers pass hashes, never email addresses. */
export type LogFields = Record<string, string | number | boolean | undefined | null | string[]>;

export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
