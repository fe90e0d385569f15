/** What domain code logs through (Powertools in Lambda). Callers name a person by the keyed fingerprint (`TokenSigner.fingerprint`), never by an address or an unkeyed hash of one. */
export type LogFields = Record<string, string | number | boolean | undefined | null | string[]>;

export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
