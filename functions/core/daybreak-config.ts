import * as z from 'zod';
import { ClickTrackingSchema } from './clicks/click-settings';
import { contrastRatio, MIN_TEXT_CONTRAST, SCHEME_BACKGROUNDS } from './contrast';
import { parseStrict } from './strict-keys';
import { isTimeZone } from './validation';

/**
 * The operator's configuration: one file (`config/daybreak.json`) that drives both the CDK stack
 * and the local stack. Everything a deployment needs to differ in lives here.
 */

const timeZone = z.string().refine(isTimeZone, { message: 'expected an IANA time zone such as "Europe/London"' });
const httpUrl = z.url({ protocol: /^https?$/, message: 'expected an http(s) URL' });
/** Text that ends up in a mail header (From, Subject, List-Id): a line break there would start a header of its own. */
const headerText = z
  .string()
  .min(1)
  .max(100)
  .regex(/^\P{Cc}*$/u, 'must not contain line breaks or control characters (it goes into mail headers)');

export const SourceSchema = z.strictObject({
  name: z.string().min(1, 'a source needs a name'),
  url: httpUrl,
  kind: z.enum(['feed', 'article', 'section', 'auto']).default('auto'),
  /** The edition whose day partitions the source's articles go to; the first edition when omitted. */
  edition: z.string().optional(),
  category: z.string().default('news'),
  /** The region label its stories carry in the trending list, as section pages label theirs. */
  region: z.string().min(1).default('Global'),
  timezone: timeZone.default('UTC'),
  weight: z.number().positive().default(1),
});
export type Source = z.infer<typeof SourceSchema>;
/** A source once its edition is settled (what the Lambdas receive). */
export const ResolvedSourceSchema = SourceSchema.extend({ edition: z.string().min(1) });
export type ResolvedSource = z.infer<typeof ResolvedSourceSchema>;

export const EditionSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/, 'expected lower-case letters, digits and dashes'),
  title: headerText,
  sendAt: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a local time as HH:MM'),
  timezone: timeZone,
  maxStories: z.number().int().min(1).max(100).default(25),
  /** How many stories lead the email before the sections. */
  topStories: z.number().int().min(1).max(25).default(5),
  /** Skip the send when no story is new since the previous edition. */
  onlyWhenNew: z.boolean().default(true),
});
export type Edition = z.infer<typeof EditionSchema>;

const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'expected a colour as #rrggbb');
const httpsUrl = z.url({ protocol: /^https$/, message: 'expected an https URL (images in email must be https)' });

/** The brand every email and page wears: its name, logo, accent colour (one per colour scheme) and tagline. */
export const BrandSchema = z
  .strictObject({
    name: headerText.default('Daybreak'),
    /** Shown in the header of emails and pages; width and height in CSS pixels, as it should be drawn. */
    logo: z
      .strictObject({
        url: httpsUrl,
        width: z.number().int().min(16).max(600),
        height: z.number().int().min(16).max(200),
        alt: z.string().min(1, 'a logo needs alt text (many readers block images)').max(100),
      })
      .optional(),
    /** Links and buttons in the light scheme. */
    accent: colour.default('#0b57d0'),
    /** Links and buttons in the dark scheme. */
    accentDark: colour.default('#8ab4f8'),
    tagline: z.string().min(1).max(140).optional(),
  })
  .superRefine((brand, ctx) => {
    const checks = [
      ['accent', brand.accent, SCHEME_BACKGROUNDS.light, 'light'],
      ['accentDark', brand.accentDark, SCHEME_BACKGROUNDS.dark, 'dark'],
    ] as const;
    for (const [key, value, backgrounds, scheme] of checks) {
      const worst = Math.min(...backgrounds.map((b) => contrastRatio(value, b)));
      if (worst < MIN_TEXT_CONTRAST)
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `${value} has a contrast of ${worst.toFixed(2)}:1 on the ${scheme} scheme's backgrounds (${backgrounds.join(', ')}); links need at least ${MIN_TEXT_CONTRAST}:1`,
        });
    }
  });
export type Brand = z.infer<typeof BrandSchema>;
export const DEFAULT_BRAND: Brand = { name: 'Daybreak', accent: '#0b57d0', accentDark: '#8ab4f8' };

export const DaybreakConfigSchema = z
  .strictObject({
    sender: z.strictObject({
      address: z.email('expected an email address'),
      name: headerText.default('Daybreak'),
      /**
       * The sender's postal address, shown in the footer of every email (CAN-SPAM requires one).
       * Optional for the local stack; `cdk synth` and deploy refuse a configuration without it.
       */
      postalAddress: z
        .string()
        .min(5)
        .max(200)
        .regex(/^\P{Cc}*$/u, 'write the address on one line, parts separated by commas')
        .optional(),
    }),
    publicUrl: z.url({ protocol: /^https$/, message: 'expected an https URL (links in email must be https)' }),
    brand: BrandSchema.default(DEFAULT_BRAND),
    editions: z.array(EditionSchema).min(1, 'at least one edition is needed'),
    sources: z.array(SourceSchema).min(1, 'at least one source is needed'),
    ses: z
      .strictObject({
        maxSendRate: z.number().positive().default(14),
        configurationSet: z.string().default('daybreak'),
        /** Send Lambdas at once; each paces itself at maxSendRate / senders (SQS needs at least 2). */
        senders: z.number().int().min(2).max(1000).default(2),
        /** A complaint rate (complaints / sent) at which an edition's sending pauses; Gmail's limit is 0.3%. */
        complaintPauseRate: z.number().positive().max(0.003).default(0.0025),
      })
      .default({ maxSendRate: 14, configurationSet: 'daybreak', senders: 2, complaintPauseRate: 0.0025 }),
    signups: z
      .strictObject({
        /** Signups an hour from one network (an IPv4 address or IPv6 /64); raise it for audiences behind a large NAT. */
        perNetworkPerHour: z.number().int().min(1).max(100000).default(20),
        /** Confirmation emails an hour to one address. */
        confirmationsPerAddressPerHour: z.number().int().min(1).max(20).default(3),
      })
      .default({ perNetworkPerHour: 20, confirmationsPerAddressPerHour: 3 }),
    fetch: z
      .strictObject({
        /**
         * Lets the collector connect to loopback, private and link-local addresses. For the local stack
         * only (its sample sources are on 127.0.0.1); the CDK stack refuses it.
         */
        allowPrivateAddresses: z.boolean().default(false),
      })
      .default({ allowPrivateAddresses: false }),
    tracking: z
      .strictObject({
        /**
         * Click links: `off` (the articles' own links), `aggregate` (counts per link and estimated unique
         * clickers, tied to no one) or `per-subscriber` (each reader's keyed id in their links: ask for consent).
         */
        clicks: ClickTrackingSchema.default('aggregate'),
        /** Clicks within this many seconds of delivery are link scanners: counted as filtered. */
        botSeconds: z.number().int().min(0).max(3600).default(30),
        /** The fewest clicks in 24 h for "Most read by Daybreak readers". */
        readersMinClicks: z.number().int().min(1).max(1000000).default(20),
      })
      .default({ clicks: 'aggregate', botSeconds: 30, readersMinClicks: 20 }),
    retentionDays: z.number().int().min(1).max(3650).default(30),
    collectEveryMinutes: z.number().int().min(5).max(1440).default(30),
    alarmEmail: z.email().optional(),
  })
  .superRefine((config, ctx) => {
    const editions = new Set<string>();
    config.editions.forEach((edition, i) => {
      if (editions.has(edition.id))
        ctx.addIssue({
          code: 'custom',
          path: ['editions', i, 'id'],
          message: `two editions have the id "${edition.id}"`,
        });
      editions.add(edition.id);
    });
    const names = new Set<string>();
    config.sources.forEach((source, i) => {
      if (source.edition !== undefined && !editions.has(source.edition)) {
        ctx.addIssue({
          code: 'custom',
          path: ['sources', i, 'edition'],
          message: `source "${source.name}" names edition "${source.edition}", which is not configured (${[...editions].join(', ')})`,
        });
      }
      if (names.has(source.name))
        ctx.addIssue({
          code: 'custom',
          path: ['sources', i, 'name'],
          message: `two sources are named "${source.name}"`,
        });
      names.add(source.name);
    });
  })
  .transform((config) => ({
    ...config,
    sources: config.sources.map(
      (source): ResolvedSource => ({ ...source, edition: source.edition ?? config.editions[0]?.id ?? 'global' }),
    ),
  }));
export type DaybreakConfig = z.infer<typeof DaybreakConfigSchema>;

/** The configuration's top-level keys (what a `-c key.sub=value` override may start with). */
export const CONFIG_KEYS: readonly string[] = Object.keys(DaybreakConfigSchema.in.shape);

/** Validates the configuration; an unknown key is refused with its path and the nearest known key. */
export function parseDaybreakConfig(value: unknown, what = 'configuration'): DaybreakConfig {
  return parseStrict(DaybreakConfigSchema, value, what);
}

/** The sender's domain, taken from the sender address. */
export function senderDomain(config: DaybreakConfig): string {
  return config.sender.address.split('@')[1] ?? '';
}
