import type * as z from 'zod/mini';
import { closest } from './closest';
import { InvalidInputError, describeIssues } from './validation';

/**
 * Parses with a schema made of strict objects and words each unknown key as the operator needs it:
 * `ses.maxSendrate: unknown key (did you mean "maxSendRate"?)`. A typo is refused instead of being
 * silently replaced by the default.
 */
export function parseStrict<S extends z.ZodMiniType>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.flatMap((issue): z.core.$ZodIssue[] =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({
          ...issue,
          keys: [key],
          path: [...issue.path, key],
          message: unknownKey(key, keysAt(schema, issue.path)),
        }))
      : [issue],
  );
  throw new InvalidInputError(what, describeIssues(issues, '', value));
}

function unknownKey(key: string, known: readonly string[]): string {
  const nearest = closest(key, known);
  return nearest ? `unknown key (did you mean "${nearest}"?)` : `unknown key (expected one of: ${known.join(', ')})`;
}

interface SchemaDef {
  type: string;
  shape?: Record<string, { _zod: { def: SchemaDef } }>;
  innerType?: { _zod: { def: SchemaDef } };
  in?: { _zod: { def: SchemaDef } };
  element?: { _zod: { def: SchemaDef } };
}

/** The keys the object schema at `path` knows, looking through defaults, optionals, pipes and arrays. */
function keysAt(schema: z.ZodMiniType, path: readonly PropertyKey[]): string[] {
  let def = unwrap((schema as unknown as { _zod: { def: SchemaDef } })._zod.def);
  for (const part of path) {
    if (typeof part === 'number' && def.element) def = unwrap(def.element._zod.def);
    else if (typeof part === 'string' && def.shape?.[part]) def = unwrap(def.shape[part]._zod.def);
    else return [];
  }
  return Object.keys(def.shape ?? {});
}

function unwrap(def: SchemaDef): SchemaDef {
  let current = def;
  while (current.innerType || (current.type === 'pipe' && current.in)) {
    current = (current.innerType ?? current.in)?._zod.def ?? current;
    if (current === def) break;
  }
  return current;
}
