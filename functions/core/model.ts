import * as z from 'zod';

/** The shapes Daybreak stores and passes between stages, validated wherever they cross an edge. */

const isoDateTime = z.iso.datetime({ offset: true });
const httpUrl = z.url({ protocol: /^https?$/ });

export const ArticleSchema = z.object({
  id: z.string().min(1),
  url: httpUrl,
  headline: z.string().min(1),
  summary: z.string().default(''),
  source: z.string().min(1),
  edition: z.string().default('global'),
  category: z.string().default('news'),
  region: z.string().default('Global'),
  weight: z.number().positive().default(1),
  publishedAt: isoDateTime,
  updatedAt: isoDateTime.optional(),
  byline: z.string().optional(),
  image: httpUrl.optional(),
  /** The image's size in pixels and its description, where the source gives them (og:image:*, media:content). */
  imageWidth: z.number().int().positive().optional(),
  imageHeight: z.number().int().positive().optional(),
  imageAlt: z.string().max(300).optional(),
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
  rank: z.number().int().min(1),
  headline: z.string().min(1),
  url: httpUrl,
  region: z.string().default('Global'),
  /** What put the entry in the digest's list: a source's own list, coverage rising, or readers' clicks. */
  signal: z.enum(['sources', 'rising', 'readers']).optional(),
});
export type TrendingEntry = z.infer<typeof TrendingEntrySchema>;

/** A trending entry as stored: with the source whose list it stands in (its rank is its rank there). */
export const TrendingItemSchema = TrendingEntrySchema.extend({ source: z.string().min(1) });
export type TrendingItem = z.infer<typeof TrendingItemSchema>;

export const SubscriberStatusSchema = z.enum(['pending', 'active', 'unsubscribed', 'suppressed', 'deleted']);
export type SubscriberStatus = z.infer<typeof SubscriberStatusSchema>;

export const SubscriberSchema = z.object({
  email: z.email(),
  status: SubscriberStatusSchema,
  editions: z.array(z.string()).min(1),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  /** Why and when the address was suppressed (a permanent bounce, a complaint, repeated transient bounces). */
  suppressedReason: z.string().optional(),
  suppressedAt: isoDateTime.optional(),
  /** Transient bounces since the last delivery problem was cleared; suppression follows repeats. */
  transientBounces: z.number().int().min(0).optional(),
});
export type Subscriber = z.infer<typeof SubscriberSchema>;

/** An edition as rendered once: the HTML and text still carry the per-recipient placeholders. */
export const RenderedEditionSchema = z.object({
  date: z.iso.date(),
  edition: z.string(),
  subject: z.string(),
  html: z.string(),
  text: z.string(),
  stories: z.number().int(),
  trending: z.number().int(),
  /** Every link of every story shown: what the next edition compares against to find what is new. */
  storyUrls: z.array(z.string()).default([]),
  /** The first story titles as mailed, for the archive's index (absent on editions kept before it listed them). */
  headlines: z.array(z.string()).optional(),
  renderedAt: isoDateTime,
  /**
   * Where each recipient's links go in `html` and `text`: random markers drawn for this render
   * (functions/mail/personalize.ts). Absent on editions rendered before them, which carry the
   * legacy `%%…%%` placeholders.
   */
  personalMarkers: z
    .object({
      unsubscribeUrl: z.string().min(16),
      preferencesUrl: z.string().min(16),
      clickSuffix: z.string().min(16).optional(),
    })
    .optional(),
  /** Sent with per-subscriber click tracking: each copy's links carry the reader's keyed id. */
  clickReaders: z.boolean().optional(),
});
export type RenderedEdition = z.infer<typeof RenderedEditionSchema>;

/** One SQS message: a batch of recipients of one edition. */
export const SendBatchSchema = z.object({
  date: z.iso.date(),
  edition: z.string().min(1),
  recipients: z.array(z.email()).min(1),
});
export type SendBatch = z.infer<typeof SendBatchSchema>;
