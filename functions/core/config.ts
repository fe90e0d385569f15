import { z } from 'zod';
import { readFileSync } from 'node:fs';
import { EditionSchema, ResolvedSourceSchema, type ResolvedSource } from './daybreak-config';
import { describeIssues } from './validation';

/**
 * The runtime settings of the Lambdas, read from the environment once and validated. Nothing else
 * reads `process.env`. Each handler asks only for the settings it needs, so a missing one fails at
 * cold start with its variable's name.
 */

const json = <T extends z.ZodType>(schema: T) =>
  z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'expected JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);

const settings = {
  DAYBREAK_TABLE: z.string().min(1),
  DAYBREAK_SEND_QUEUE_URL: z.url(),
  DAYBREAK_SENDER: z.string().min(3),
  DAYBREAK_PUBLIC_URL: z.url({ protocol: /^https?$/ }),
  DAYBREAK_UNSUBSCRIBE_MAILTO: z.email(),
  DAYBREAK_CONFIGURATION_SET: z.string().min(1).optional(),
  DAYBREAK_TOKEN_SECRET: z.string().min(32, 'expected at least 32 characters').optional(),
  DAYBREAK_TOKEN_SECRET_ARN: z.string().startsWith('arn:').optional(),
  DAYBREAK_SOURCES: json(z.array(ResolvedSourceSchema)).optional(),
  /** A JSON file of sources beside the bundle: a Lambda's environment holds only 4 KB, a long source list does not fit. */
  DAYBREAK_SOURCES_FILE: z.string().min(1).optional(),
  DAYBREAK_EDITIONS: json(z.array(EditionSchema).min(1)),
  /** The bucket that keeps each edition's page (AWS); DAYBREAK_ARCHIVE_DIR is the folder that does locally. */
  DAYBREAK_ARCHIVE_BUCKET: z.string().min(3).optional(),
  DAYBREAK_ARCHIVE_DIR: z.string().min(1).optional(),
  DAYBREAK_RETENTION_DAYS: z.coerce.number().int().min(1).default(30),
  DAYBREAK_COLLECT_EVERY_MINUTES: z.coerce.number().int().min(1).default(30),
  /** "true" only in the local stack: lets the collector reach private addresses (fetch.allowPrivateAddresses). */
  DAYBREAK_ALLOW_PRIVATE_ADDRESSES: z.stringbool().default(false),
  /** The account's SES maximum send rate (messages a second), shared by every concurrent sender. */
  DAYBREAK_MAX_SEND_RATE: z.coerce.number().positive().default(14),
  /** How many send Lambdas may run at once (the event source mapping's maxConcurrency). */
  DAYBREAK_SEND_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(2),
  /** Signups an hour from one network, and confirmation emails an hour to one address. */
  DAYBREAK_SIGNUPS_PER_NETWORK_PER_HOUR: z.coerce.number().int().min(1).default(20),
  DAYBREAK_CONFIRMATIONS_PER_ADDRESS_PER_HOUR: z.coerce.number().int().min(1).default(3),
  /** A complaint rate at or above this pauses an edition's sending (Gmail's bulk-sender limit is 0.3%). */
  DAYBREAK_COMPLAINT_PAUSE_RATE: z.coerce.number().positive().max(1).default(0.0025),
} as const;

/** What every function that sends mail needs: the table, who sends, where links point, the link key (as MailingProps in the stack). */
export const MAILING_SETTINGS = [
  'DAYBREAK_TABLE',
  'DAYBREAK_SENDER',
  'DAYBREAK_PUBLIC_URL',
  'DAYBREAK_UNSUBSCRIBE_MAILTO',
  'DAYBREAK_CONFIGURATION_SET',
  'DAYBREAK_TOKEN_SECRET',
  'DAYBREAK_TOKEN_SECRET_ARN',
] as const;

type Settings = typeof settings;

/** Who sends, where links point, and the SES configuration set: what every mailing function's settings start from. */
export function mailingSettings(config: {
  DAYBREAK_SENDER: string;
  DAYBREAK_PUBLIC_URL: string;
  DAYBREAK_CONFIGURATION_SET?: string;
}) {
  return {
    from: config.DAYBREAK_SENDER,
    publicUrl: config.DAYBREAK_PUBLIC_URL,
    configurationSet: config.DAYBREAK_CONFIGURATION_SET,
  };
}
export type SettingName = keyof Settings;
export type RuntimeConfig<K extends SettingName> = { [P in K]: z.infer<Settings[P]> };

export class ConfigError extends Error {
  constructor(details: string) {
    super(`Daybreak configuration is invalid:\n${details}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the named settings from `env` (the process environment by default). */
export function loadConfig<K extends SettingName>(
  names: readonly K[],
  env: Record<string, string | undefined> = process.env,
): RuntimeConfig<K> {
  const shape = Object.fromEntries(names.map((name) => [name, settings[name]])) as Pick<Settings, K>;
  const result = z.object(shape).safeParse(Object.fromEntries(names.map((name) => [name, env[name]])));
  if (!result.success) throw new ConfigError(describeIssues(result.error.issues));
  return result.data as RuntimeConfig<K>;
}

/**
 * The sources, from DAYBREAK_SOURCES (JSON) or else the file DAYBREAK_SOURCES_FILE names (relative
 * to the working directory, the bundle's folder in Lambda). Fails naming the setting at fault.
 */
export function loadSources(config: RuntimeConfig<'DAYBREAK_SOURCES' | 'DAYBREAK_SOURCES_FILE'>): ResolvedSource[] {
  if (config.DAYBREAK_SOURCES) return config.DAYBREAK_SOURCES;
  if (!config.DAYBREAK_SOURCES_FILE)
    throw new ConfigError('DAYBREAK_SOURCES or DAYBREAK_SOURCES_FILE: one of them must name the sources');
  let text: string;
  try {
    text = readFileSync(config.DAYBREAK_SOURCES_FILE, 'utf8');
  } catch (error) {
    throw new ConfigError(
      `DAYBREAK_SOURCES_FILE: cannot read ${config.DAYBREAK_SOURCES_FILE} (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  return loadConfig(['DAYBREAK_SOURCES'], { DAYBREAK_SOURCES: text }).DAYBREAK_SOURCES ?? [];
}
