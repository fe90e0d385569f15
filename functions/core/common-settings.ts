import * as z from 'zod';
import { EditionSchema } from './daybreak-config';
import { json, text } from './settings-contract';

/** Settings several functions share, each defined once: the table, the editions, where links point. */
export const commonSettings = {
  table: text('DAYBREAK_TABLE', z.string().min(1)),
  editions: json('DAYBREAK_EDITIONS', z.array(EditionSchema).min(1)),
  /** Where links in emails point: the form's origin (http only for the local stack). */
  publicUrl: text('DAYBREAK_PUBLIC_URL', z.url({ protocol: /^https?$/ })),
};
