import * as z from 'zod/mini';
import { number, text } from '../settings-contract';

/**
 * How clicks on an edition's links are counted: `off` sends the articles' own links; `aggregate`
 * (the default) counts clicks per link and estimates unique clickers without tying a click to
 * anyone; `per-subscriber` adds each recipient's keyed reader id to the links, which needs their
 * consent (the privacy notice must say so).
 */
export const ClickTrackingSchema = z.enum(['off', 'aggregate', 'per-subscriber']);
export type ClickTracking = z.infer<typeof ClickTrackingSchema>;

/** The click settings the functions share (each defined once). */
export const clickSettings = {
  clickTracking: text('DAYBREAK_CLICK_TRACKING', z._default(ClickTrackingSchema, 'aggregate')),
  /** Clicks this soon after delivery are link scanners prefetching, not readers: counted as filtered. */
  clickBotSeconds: number(
    'DAYBREAK_CLICK_BOT_SECONDS',
    z._default(z.number().check(z.int(), z.gte(0), z.lte(3600)), 30),
  ),
  /** The fewest clicks in 24 h that put a story in "Most read by Daybreak readers". */
  readersMinClicks: number('DAYBREAK_READERS_MIN_CLICKS', z._default(z.number().check(z.int(), z.gte(1)), 20)),
};
