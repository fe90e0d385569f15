import { en } from 'zod/locales';
import * as z from 'zod/mini';

// zod/mini words every issue "Invalid input" until it is given a locale; the English messages are what an
// operator reads in a refused setting, configuration or event. Set here, in the module that words issues,
// which every function loads (through its settings) before it parses anything.
z.config(en());

/**
 * Turns zod issues into one line per problem, each naming the field at fault: `sources[2].url: ...`.
 * Where the input is at hand, an entry of a list with a `name` is named too: `sources[2] "BBC".url`.
 */
export function describeIssues(issues: readonly z.core.$ZodIssue[], root = '', input?: unknown): string {
  return issues
    .map((issue) => {
      let node: unknown = input;
      const path = issue.path.reduce<string>((acc, key) => {
        node =
          node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key as PropertyKey] : undefined;
        // JSON quoting keeps a hostile name on one line of the message.
        const name =
          typeof key === 'number' &&
          node &&
          typeof node === 'object' &&
          typeof (node as { name?: unknown }).name === 'string'
            ? ` ${JSON.stringify((node as { name: string }).name)}`
            : '';
        return (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)) + name;
      }, root);
      return `${path || '(root)'}: ${issue.message}`;
    })
    .join('\n');
}

export class InvalidInputError extends Error {
  constructor(what: string, details: string) {
    super(`${what} is invalid:\n${details}`);
    this.name = 'InvalidInputError';
  }
}

/** Parses `value` with `schema`, or throws an error that names `what` and every field at fault. */
export function parseOrThrow<S extends z.ZodMiniType>(schema: S, value: unknown, what: string, root = ''): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new InvalidInputError(what, describeIssues(result.error.issues, root, value));
  return result.data;
}

// Making an Intl.DateTimeFormat loads the zone's rules (most of a millisecond): collect asks once a
// feed, for the same few zones, so a zone found valid is remembered.
const knownZones = new Set<string>();

export function isTimeZone(zone: string): boolean {
  if (knownZones.has(zone)) return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    knownZones.add(zone);
    return true;
  } catch {
    return false;
  }
}
