import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as z from 'zod/mini';
import { describeIssues } from './validation';

/**
 * The contract between a Lambda and its construct: one zod schema of the function's settings
 * (camelCase, typed), and the environment variable each setting travels in. The construct writes
 * the environment with `toEnvironment`; the handler reads it once with `fromEnvironment`, which
 * fails naming every variable at fault. The environment contract is written nowhere else.
 * A long list (editions, sources) travels as a JSON file beside the bundle instead, because a
 * Lambda's whole environment holds 4 KB: its variable names the file (`bundledJson`).
 */

export class ConfigError extends Error {
  constructor(details: string) {
    super(`Daybreak configuration is invalid:\n${details}`);
    this.name = 'ConfigError';
  }
}

/** How a setting is written into its variable's text: as is, as a number, as JSON, or as the name of a JSON file. */
type Encoding = 'text' | 'number' | 'json' | 'file';

export interface Setting<S extends z.core.$ZodType = z.core.$ZodType> {
  variable: string;
  encoding: Encoding;
  schema: S;
  /** For a bundled setting: the file's name in the bundle. */
  file?: string;
}

/** A setting whose variable holds its text as is. */
export const text = <S extends z.core.$ZodType>(variable: string, schema: S): Setting<S> => ({
  variable,
  encoding: 'text',
  schema,
});
/** A setting whose variable holds a number, written in decimal. */
export const number = <S extends z.core.$ZodType>(variable: string, schema: S): Setting<S> => ({
  variable,
  encoding: 'number',
  schema,
});
/** A setting whose variable holds JSON (lists of editions or sources). */
export const json = <S extends z.core.$ZodType>(variable: string, schema: S): Setting<S> => ({
  variable,
  encoding: 'json',
  schema,
});

/**
 * A setting that ships as the JSON file `file` beside the bundle; its variable holds only the file's
 * name, read relative to the working directory (the bundle's folder in Lambda) or absolute.
 */
export const bundledJson = <S extends z.core.$ZodType>(variable: string, file: string, schema: S): Setting<S> => ({
  variable,
  encoding: 'file',
  schema,
  file,
});

export type SettingFields = Record<string, Setting>;
type Shape<F extends SettingFields> = { [K in keyof F]: F[K]['schema'] };
/** The settings a handler receives: every default applied. */
export type SettingsOf<F extends SettingFields> = z.output<z.ZodMiniObject<Shape<F>>>;
/** The settings a construct writes: defaulted settings may be left out. */
export type SettingsInput<F extends SettingFields> = z.input<z.ZodMiniObject<Shape<F>>>;

export interface SettingsContract<F extends SettingFields> {
  readonly fields: F;
  /** The settings, validated as values (not as environment text). */
  readonly schema: z.ZodMiniObject<Shape<F>>;
  /** Reads and validates the settings from `env`; a ConfigError names each variable missing or wrong. */
  fromEnvironment(env: Readonly<Record<string, string | undefined>>): SettingsOf<F>;
  /**
   * The environment that carries `settings`. It does not validate: a construct's values may be CDK
   * tokens (a table name, a queue URL) that only resolve at deploy time; the handler validates them.
   */
  toEnvironment(settings: SettingsInput<F>): Record<string, string>;
  /** The files to place beside the bundle for the bundled settings: name in the bundle → content. */
  bundledFiles(settings: SettingsInput<F>): Record<string, string>;
  /** A contract with these settings and more (a function's own beside a shared group). */
  extend<G extends SettingFields>(more: G): SettingsContract<F & G>;
}

function decode(encoding: Encoding) {
  return (value: unknown, payload: z.core.ParsePayload): unknown => {
    if (typeof value !== 'string' || encoding === 'text') return value;
    if (encoding === 'number') return Number(value);
    const refuse = (message: string) => {
      payload.issues.push({ code: 'custom', message, input: value });
      return z.NEVER;
    };
    let content = value;
    if (encoding === 'file') {
      try {
        content = readFileSync(path.resolve(value), 'utf8');
      } catch (error) {
        // The code (ENOENT, EACCES) says why; the message would only repeat the path.
        const code = error && typeof error === 'object' && 'code' in error ? String(error.code) : messageOf(error);
        return refuse(`cannot be read (${code})`);
      }
    }
    try {
      return JSON.parse(content) as unknown;
    } catch (error) {
      return refuse(encoding === 'file' ? `is not JSON (${messageOf(error)})` : 'expected JSON');
    }
  };
}

/** An error's message (an fs or JSON error from another realm, under jest, is not `instanceof Error`). */
const messageOf = (error: unknown): string =>
  error && typeof error === 'object' && 'message' in error ? String(error.message) : String(error);

function encode(field: Setting, value: unknown): string {
  if (field.encoding === 'file') return field.file ?? '';
  return field.encoding === 'json' ? JSON.stringify(value) : String(value);
}

/** How an issue's path starts: the variable, and for a bundled setting the file it named. */
function label(field: Setting | undefined, key: string, env: Readonly<Record<string, string | undefined>>): string {
  if (!field) return key;
  const file = env[field.variable];
  return field.encoding === 'file' && file ? `${field.variable} (${file})` : field.variable;
}

/**
 * @example
 * const contract = settingsContract({ table: text('DAYBREAK_TABLE', z.string().check(z.minLength(1))) });
 * contract.toEnvironment({ table: 't' }); // { DAYBREAK_TABLE: 't' }
 * contract.fromEnvironment({}); // throws "DAYBREAK_TABLE: Invalid input: expected string, received undefined"
 */
export function settingsContract<F extends SettingFields>(fields: F): SettingsContract<F> {
  const entries = Object.entries(fields);
  const schema = z.object(Object.fromEntries(entries.map(([key, field]) => [key, field.schema])) as Shape<F>);
  // The same schemas, each behind the decoding of its variable's text.
  const fromText = z.object(
    Object.fromEntries(entries.map(([key, field]) => [key, z.pipe(z.transform(decode(field.encoding)), field.schema)])),
  );
  return {
    fields,
    schema,
    fromEnvironment(env) {
      const result = fromText.safeParse(Object.fromEntries(entries.map(([key, field]) => [key, env[field.variable]])));
      if (!result.success)
        throw new ConfigError(
          describeIssues(
            result.error.issues.map((issue) => {
              const [key, ...rest] = issue.path;
              return { ...issue, path: [label(fields[String(key)], String(key), env), ...rest] };
            }),
          ),
        );
      return result.data as SettingsOf<F>;
    },
    toEnvironment(settings) {
      const values = settings as Record<string, unknown>;
      return Object.fromEntries(
        entries
          .filter(([key]) => values[key] !== undefined)
          .map(([key, field]) => [field.variable, encode(field, values[key])]),
      );
    },
    bundledFiles(settings) {
      const values = settings as Record<string, unknown>;
      return Object.fromEntries(
        entries
          .filter(([key, field]) => field.encoding === 'file' && values[key] !== undefined)
          .map(([key, field]) => [field.file ?? '', JSON.stringify(values[key])]),
      );
    },
    extend: (more) => settingsContract({ ...fields, ...more }),
  };
}
