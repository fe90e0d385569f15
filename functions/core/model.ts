import * as z from 'zod/mini';

/** The shapes Daybreak stores and passes between stages, validated wherever they cross an edge. */

const isoDateTime = z.iso.datetime({ offset: true });
const httpUrl = z.url({ protocol: /^https?$/ });

export const ArticleSchema = z.object({
  id: z.string().check(z.minLength(1)),
  url: httpUrl,
  headline: z.string().check(z.minLength(1)),
  summary: z._default(z.string(), ''),
  source: z.string().check(z.minLength(1)),
  edition: z._default(z.string(), 'global'),
  category: z._default(z.string(), 'news'),
  region: z._default(z.string(), 'Global'),
  weight: z._default(z.number().check(z.positive()), 1),
  publishedAt: isoDateTime,
  updatedAt: z.optional(isoDateTime),
  byline: z.optional(z.string()),
  image: z.optional(httpUrl),
  /** The image's size in pixels and its description, where the source gives them (og:image:*, media:content). */
  imageWidth: z.optional(z.number().check(z.int(), z.positive())),
  imageHeight: z.optional(z.number().check(z.int(), z.positive())),
  imageAlt: z.optional(z.string().check(z.maxLength(300))),
});
export type Article = z.infer<typeof ArticleSchema>;

/** A story's picture as the email draws it: https only, its size and description where the source gives them. */
export interface StoryImage {
  url: string;
  width?: number;
  height?: number;
  /** The source's description of the picture (the headline stands in otherwise). */
  alt?: string;
}

/**
 * One entry of a ranked trending list: as a page prints it (collect), as `daybreak extract` emits
 * it, and as the digest shows it (ranked 1, 2, 3 across all sources).
 */
export const TrendingEntrySchema = z.object({
  rank: z.number().check(z.int(), z.gte(1)),
  headline: z.string().check(z.minLength(1)),
  url: httpUrl,
  region: z._default(z.string(), 'Global'),
  /** What put the entry in the digest's list: a source's own list, coverage rising, or readers' clicks. */
  signal: z.optional(z.enum(['sources', 'rising', 'readers'])),
});
export type TrendingEntry = z.infer<typeof TrendingEntrySchema>;

/** A trending entry as stored: with the source whose list it stands in (its rank is its rank there). */
export const TrendingItemSchema = z.extend(TrendingEntrySchema, { source: z.string().check(z.minLength(1)) });
export type TrendingItem = z.infer<typeof TrendingItemSchema>;

export const SubscriberStatusSchema = z.enum(['pending', 'active', 'unsubscribed', 'suppressed', 'deleted']);
export type SubscriberStatus = z.infer<typeof SubscriberStatusSchema>;

export const SubscriberSchema = z.object({
  email: z.email(),
  status: SubscriberStatusSchema,
  editions: z.array(z.string()).check(z.minLength(1)),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  /** Why and when the address was suppressed (a permanent bounce, a complaint, repeated transient bounces). */
  suppressedReason: z.optional(z.string()),
  suppressedAt: z.optional(isoDateTime),
  /** Transient bounces since the last delivery problem was cleared; suppression follows repeats. */
  transientBounces: z.optional(z.number().check(z.int(), z.gte(0))),
});
export type Subscriber = z.infer<typeof SubscriberSchema>;

/** An edition as rendered once: the HTML and text still carry the per-recipient placeholders. */
export const RenderedEditionSchema = z.object({
  date: z.iso.date(),
  edition: z.string(),
  subject: z.string(),
  html: z.string(),
  text: z.string(),
  stories: z.number().check(z.int()),
  trending: z.number().check(z.int()),
  /** Every link of every story shown: what the next edition compares against to find what is new. */
  storyUrls: z._default(z.array(z.string()), []),
  /** The first story titles as mailed, for the archive's index (absent on editions kept before it listed them). */
  headlines: z.optional(z.array(z.string())),
  renderedAt: isoDateTime,
  /**
   * Where each recipient's links go in `html` and `text`: random markers drawn for this render
   * (functions/mail/personalize.ts). Absent on editions rendered before them, which carry the
   * legacy `%%…%%` placeholders.
   */
  personalMarkers: z.optional(
    z.object({
      unsubscribeUrl: z.string().check(z.minLength(16)),
      preferencesUrl: z.string().check(z.minLength(16)),
      clickSuffix: z.optional(z.string().check(z.minLength(16))),
    }),
  ),
  /** Sent with per-subscriber click tracking: each copy's links carry the reader's keyed id. */
  clickReaders: z.optional(z.boolean()),
});
export type RenderedEdition = z.infer<typeof RenderedEditionSchema>;

/** One SQS message: a batch of recipients of one edition. */
export const SendBatchSchema = z.object({
  date: z.iso.date(),
  edition: z.string().check(z.minLength(1)),
  recipients: z.array(z.email()).check(z.minLength(1)),
});
export type SendBatch = z.infer<typeof SendBatchSchema>;
