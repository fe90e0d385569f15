import * as z from 'zod/mini';
import { EditionSchema } from './daybreak-config';
import { bundledJson, text } from './settings-contract';

/** Settings several functions share, each defined once: the table, the editions, where links point. */
export const commonSettings = {
  table: text('DAYBREAK_TABLE', z.string().check(z.minLength(1))),
  /** A file beside the bundle: a few dozen editions would overflow the environment's 4 KB. */
  editions: bundledJson('DAYBREAK_EDITIONS_FILE', 'editions.json', z.array(EditionSchema).check(z.minLength(1))),
  /** Where links in emails point: the form's origin (http only for the local stack). */
  publicUrl: text('DAYBREAK_PUBLIC_URL', z.url({ protocol: /^https?$/ })),
};
