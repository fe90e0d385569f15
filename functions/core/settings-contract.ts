import * as z from 'zod';
import { describeIssues } from './validation';

/**
 * The contract between a Lambda and its construct: one zod schema of the function's settings
 * (camelCase, typed), and the environment variable each setting travels in. The construct writes
 * the environment with `toEnvironment`; the handler reads it once with `fromEnvironment`, which
 * fails naming every variable at fault. The environment contract is written nowhere else.
 */

export class ConfigError extends Error {
  constructor(details: string) {
    super(`Daybreak configuration is invalid:\n${details}`);
    this.name = 'ConfigError';
  }
}

/** How a setting is written into its variable's text: as is, as a number, or as JSON. */
type Encoding = 'text' | 'number' | 'json';

export interface Setting<S extends z.ZodType = z.ZodType> {
  variable: string;
  encoding: Encoding;
  schema: S;
}

/** A setting whose variable holds its text as is. */
export const text = <S extends z.ZodType>(variable: string, schema: S): Setting<S> => ({
  variable,
  encoding: 'text',
  schema,
});
/** A setting whose variable holds a number, written in decimal. */
export const number = <S extends z.ZodType>(variable: string, schema: S): Setting<S> => ({
  variable,
  encoding: 'number',
  schema,
});
/** A setting whose variable holds JSON (lists of editions or sources). */
export const json = <S extends z.ZodType>(variable: string, schema: S): Setting<S> => ({
  variable,
  encoding: 'json',
  schema,
});

export type SettingFields = Record<string, Setting>;
type Shape<F extends SettingFields> = { [K in keyof F]: F[K]['schema'] };
/** The settings a handler receives: every default applied. */
export type SettingsOf<F extends SettingFields> = z.output<z.ZodObject<Shape<F>>>;
/** The settings a construct writes: defaulted settings may be left out. */
export type SettingsInput<F extends SettingFields> = z.input<z.ZodObject<Shape<F>>>;

export interface SettingsContract<F extends SettingFields> {
  readonly fields: F;
  /** The settings, validated as values (not as environment text). */
  readonly schema: z.ZodObject<Shape<F>>;
  /** Reads and validates the settings from `env`; a ConfigError names each variable missing or wrong. */
  fromEnvironment(env: Readonly<Record<string, string | undefined>>): SettingsOf<F>;
  /**
   * The environment that carries `settings`. It does not validate: a construct's values may be CDK
   * tokens (a table name, a queue URL) that only resolve at deploy time; the handler validates them.
   */
  toEnvironment(settings: SettingsInput<F>): Record<string, string>;
  /** A contract with these settings and more (a function's own beside a shared group). */
  extend<G extends SettingFields>(more: G): SettingsContract<F & G>;
}

function decode(encoding: Encoding) {
  return (value: unknown, ctx: z.RefinementCtx): unknown => {
    if (typeof value !== 'string' || encoding === 'text') return value;
    if (encoding === 'number') return Number(value);
    try {
      return JSON.parse(value) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'expected JSON' });
      return z.NEVER;
    }
  };
}

function encode(encoding: Encoding, value: unknown): string {
  return encoding === 'json' ? JSON.stringify(value) : String(value);
}

/**
 * @example
 * const contract = settingsContract({ table: text('DAYBREAK_TABLE', z.string().min(1)) });
 * contract.toEnvironment({ table: 't' }); // { DAYBREAK_TABLE: 't' }
 * contract.fromEnvironment({}); // throws "DAYBREAK_TABLE: Invalid input: expected string, received undefined"
 */
export function settingsContract<F extends SettingFields>(fields: F): SettingsContract<F> {
  const entries = Object.entries(fields);
  const schema = z.object(Object.fromEntries(entries.map(([key, field]) => [key, field.schema])) as Shape<F>);
  // The same schemas, each behind the decoding of its variable's text.
  const fromText = z.object(
    Object.fromEntries(entries.map(([key, field]) => [key, z.preprocess(decode(field.encoding), field.schema)])),
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
              return { ...issue, path: [fields[String(key)]?.variable ?? String(key), ...rest] };
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
          .map(([key, field]) => [field.variable, encode(field.encoding, values[key])]),
      );
    },
    extend: (more) => settingsContract({ ...fields, ...more }),
  };
}
