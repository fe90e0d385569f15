import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { DaybreakConfig, Edition } from '../../functions/core/daybreak-config';
import { closest } from '../../functions/core/closest';
import { isTimeZone } from '../../functions/core/validation';
import { httpFetcher } from '../../functions/collect/fetch-source';
import { UsageError } from './usage-error';

export { UsageError };

/** node:util parseArgs, with its errors turned into UsageErrors. */
export function parseCommandArgs<T extends ParseArgsConfig>(config: T) {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError(argumentProblem(error, Object.keys(config.options ?? {})));
  }
}

/** node:util's parse errors in the CLI's voice: the option at fault and the nearest one it knows. */
function argumentProblem(error: unknown, known: string[]): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string }).code;
  const option = /'(-{1,2}[\w-]+)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) {
    const nearest = closest(option.replace(/^-+/, ''), known);
    return `unknown option ${option}${nearest ? ` (did you mean --${nearest}?)` : ''}; add --help for the options`;
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `${message.split('.')[0]}; add --help for the usage`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option)
    return `${option} needs a value; add --help for the usage`;
  return message;
}

export const commonOptions = {
  data: { type: 'string', default: '.daybreak' },
  config: { type: 'string', default: 'config/daybreak.json' },
} as const;

/** Loaded on first use: the configuration's schema is zod, which `feed`, `extract` and `--help` never need. */
export function loadCliConfig(file: string): DaybreakConfig {
  const { loadConfigFile } =
    require('../../functions/core/load-config-file') as typeof import('../../functions/core/load-config-file');
  return loadConfigFile(path.resolve(file));
}

/**
 * What `feed` and `extract` are given alike: one FILE or URL, `--url` (the address a saved file
 * came from, for its relative links) and `--timezone` (the source's IANA zone, default UTC).
 */
export function parseSourceArgs(argv: string[], usage: string): { target: string; url?: string; timezone: string } {
  const { values, positionals } = parseCommandArgs({
    args: argv,
    options: { url: { type: 'string' }, timezone: { type: 'string', default: 'UTC' } },
    allowPositionals: true,
    strict: true,
  });
  const [target] = positionals;
  // One line each, as every CLI error is: the usage's first line says the form.
  const form = usage.split('\n')[0];
  if (target === undefined || positionals.length !== 1)
    throw new UsageError(`expected one FILE or URL, got ${positionals.length} (${form})`);
  if (!isTimeZone(values.timezone))
    throw new UsageError(`--timezone: "${values.timezone}" is not an IANA time zone (for example Europe/Paris)`);
  if (values.url !== undefined && !isHttpUrl(values.url))
    throw new UsageError(`--url: expected an http(s) URL, got "${values.url}"`);
  return { target, url: values.url, timezone: values.timezone };
}

/**
 * The fetcher of `feed URL` and `extract URL`: the operator names the URL on their own machine, often
 * a feed served on localhost, so the collector's guard against private addresses does not apply.
 */
export const operatorFetcher = () => httpFetcher({ allowPrivateAddresses: true });

export function isHttpUrl(value: string): boolean {
  return URL.canParse(value) && ['http:', 'https:'].includes(new URL(value).protocol);
}

/** `--date`, when given: a calendar day written as YYYY-MM-DD. */
export function dateOption(value: string | undefined): string | undefined {
  if (value !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value)))) {
    throw new UsageError(`--date: expected a date as YYYY-MM-DD, got "${value}"`);
  }
  return value;
}

/** The editions `--edition` names: that one, or every configured edition when it is not given. */
export function editionOption(config: DaybreakConfig, id: string | undefined): Edition[] {
  if (id === undefined) return config.editions;
  const edition = config.editions.find((e) => e.id === id);
  if (!edition) throw new UsageError(noSuchEdition('--edition', id, config));
  return [edition];
}

/** `--editions weekly: no such edition; offered: global`: the option, the value at fault, the choices. */
export function noSuchEdition(option: string, id: string, config: DaybreakConfig): string {
  return `${option} ${id}: no such edition; offered: ${config.editions.map((e) => e.id).join(', ')}`;
}
