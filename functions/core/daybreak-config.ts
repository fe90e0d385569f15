import * as z from 'zod/mini';
import { ClickTrackingSchema } from './clicks/click-settings';
import { contrastRatio, MIN_TEXT_CONTRAST, SCHEME_BACKGROUNDS } from './contrast';
import { parseStrict } from './strict-keys';
import { isTimeZone } from './validation';

/**
 * The operator's configuration: one file (`config/daybreak.json`) that drives both the CDK stack
 * and the local stack. Everything a deployment needs to differ in lives here.
 */

const timeZone = z
  .string()
  .check(z.refine(isTimeZone, { message: 'expected an IANA time zone such as "Europe/London"' }));
const httpUrl = z.url({ protocol: /^https?$/, message: 'expected an http(s) URL' });
/** Text that ends up in a mail header (From, Subject, List-Id): a line break there would start a header of its own. */
const headerText = z
  .string()
  .check(
    z.minLength(1),
    z.maxLength(100),
    z.regex(/^\P{Cc}*$/u, 'must not contain line breaks or control characters (it goes into mail headers)'),
  );

export const SourceSchema = z.strictObject({
  name: z.string().check(z.minLength(1, 'a source needs a name')),
  url: httpUrl,
  kind: z._default(z.enum(['feed', 'article', 'section', 'auto']), 'auto'),
  /** The edition whose day partitions the source's articles go to; the first edition when omitted. */
  edition: z.optional(z.string()),
  category: z._default(z.string(), 'news'),
  /** The region label its stories carry in the trending list, as section pages label theirs. */
  region: z._default(z.string().check(z.minLength(1)), 'Global'),
  timezone: z._default(timeZone, 'UTC'),
  weight: z._default(z.number().check(z.positive()), 1),
});
export type Source = z.infer<typeof SourceSchema>;
/** A source once its edition is settled (what the Lambdas receive). */
export const ResolvedSourceSchema = z.extend(SourceSchema, { edition: z.string().check(z.minLength(1)) });
export type ResolvedSource = z.infer<typeof ResolvedSourceSchema>;

export const EditionSchema = z.strictObject({
  id: z.string().check(z.regex(/^[a-z0-9-]+$/, 'expected lower-case letters, digits and dashes')),
  title: headerText,
  sendAt: z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a local time as HH:MM')),
  timezone: timeZone,
  maxStories: z._default(z.number().check(z.int(), z.gte(1), z.lte(100)), 25),
  /** How many stories lead the email before the sections. */
  topStories: z._default(z.number().check(z.int(), z.gte(1), z.lte(25)), 5),
  /** Skip the send when no story is new since the previous edition. */
  onlyWhenNew: z._default(z.boolean(), true),
});
export type Edition = z.infer<typeof EditionSchema>;

const colour = z.string().check(z.regex(/^#[0-9a-fA-F]{6}$/, 'expected a colour as #rrggbb'));
const httpsUrl = z.url({ protocol: /^https$/, message: 'expected an https URL (images in email must be https)' });

/** The brand every email and page wears: its name, logo, accent colour (one per colour scheme) and tagline. */
export const BrandSchema = z
  .strictObject({
    name: z._default(headerText, 'Daybreak'),
    /** Shown in the header of emails and pages; width and height in CSS pixels, as it should be drawn. */
    logo: z.optional(
      z.strictObject({
        url: httpsUrl,
        width: z.number().check(z.int(), z.gte(16), z.lte(600)),
        height: z.number().check(z.int(), z.gte(16), z.lte(200)),
        alt: z.string().check(z.minLength(1, 'a logo needs alt text (many readers block images)'), z.maxLength(100)),
      }),
    ),
    /** Links and buttons in the light scheme. */
    accent: z._default(colour, '#0b57d0'),
    /** Links and buttons in the dark scheme. */
    accentDark: z._default(colour, '#8ab4f8'),
    tagline: z.optional(z.string().check(z.minLength(1), z.maxLength(140))),
  })
  .check(
    z.superRefine((brand, ctx) => {
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
    }),
  );
export type Brand = z.infer<typeof BrandSchema>;
export const DEFAULT_BRAND: Brand = { name: 'Daybreak', accent: '#0b57d0', accentDark: '#8ab4f8' };

export const DaybreakConfigSchema = z.pipe(
  z
    .strictObject({
      sender: z.strictObject({
        address: z.email('expected an email address'),
        name: z._default(headerText, 'Daybreak'),
        /**
         * The sender's postal address, shown in the footer of every email (CAN-SPAM requires one).
         * Optional for the local stack; `cdk synth` and deploy refuse a configuration without it.
         */
        postalAddress: z.optional(
          z
            .string()
            .check(
              z.minLength(5),
              z.maxLength(200),
              z.regex(/^\P{Cc}*$/u, 'write the address on one line, parts separated by commas'),
            ),
        ),
      }),
      publicUrl: z.url({ protocol: /^https$/, message: 'expected an https URL (links in email must be https)' }),
      brand: z._default(BrandSchema, DEFAULT_BRAND),
      editions: z.array(EditionSchema).check(z.minLength(1, 'at least one edition is needed')),
      sources: z.array(SourceSchema).check(z.minLength(1, 'at least one source is needed')),
      ses: z._default(
        z.strictObject({
          maxSendRate: z._default(z.number().check(z.positive()), 14),
          configurationSet: z._default(z.string(), 'daybreak'),
          /** Send Lambdas at once; each paces itself at maxSendRate / senders (SQS needs at least 2). */
          senders: z._default(z.number().check(z.int(), z.gte(2), z.lte(1000)), 2),
          /** A complaint rate (complaints / sent) at which an edition's sending pauses; Gmail's limit is 0.3%. */
          complaintPauseRate: z._default(z.number().check(z.positive(), z.lte(0.003)), 0.0025),
        }),
        { maxSendRate: 14, configurationSet: 'daybreak', senders: 2, complaintPauseRate: 0.0025 },
      ),
      signups: z._default(
        z.strictObject({
          /** Signups an hour from one network (an IPv4 address or IPv6 /64); raise it for audiences behind a large NAT. */
          perNetworkPerHour: z._default(z.number().check(z.int(), z.gte(1), z.lte(100000)), 20),
          /** Confirmation emails an hour to one address. */
          confirmationsPerAddressPerHour: z._default(z.number().check(z.int(), z.gte(1), z.lte(20)), 3),
        }),
        { perNetworkPerHour: 20, confirmationsPerAddressPerHour: 3 },
      ),
      fetch: z._default(
        z.strictObject({
          /**
           * Lets the collector connect to loopback, private and link-local addresses. For the local stack
           * only (its sample sources are on 127.0.0.1); the CDK stack refuses it.
           */
          allowPrivateAddresses: z._default(z.boolean(), false),
        }),
        { allowPrivateAddresses: false },
      ),
      tracking: z._default(
        z.strictObject({
          /**
           * Click links: `off` (the articles' own links), `aggregate` (counts per link and estimated unique
           * clickers, tied to no one) or `per-subscriber` (each reader's keyed id in their links: ask for consent).
           */
          clicks: z._default(ClickTrackingSchema, 'aggregate'),
          /** Clicks within this many seconds of delivery are link scanners: counted as filtered. */
          botSeconds: z._default(z.number().check(z.int(), z.gte(0), z.lte(3600)), 30),
          /** The fewest clicks in 24 h for "Most read by Daybreak readers". */
          readersMinClicks: z._default(z.number().check(z.int(), z.gte(1), z.lte(1000000)), 20),
        }),
        { clicks: 'aggregate', botSeconds: 30, readersMinClicks: 20 },
      ),
      retentionDays: z._default(z.number().check(z.int(), z.gte(1), z.lte(3650)), 30),
      collectEveryMinutes: z._default(z.number().check(z.int(), z.gte(5), z.lte(1440)), 30),
      alarmEmail: z.optional(z.email()),
    })
    .check(
      z.superRefine((config, ctx) => {
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
      }),
    ),
  z.transform((config) => ({
    ...config,
    sources: config.sources.map(
      (source): ResolvedSource => ({ ...source, edition: source.edition ?? config.editions[0]?.id ?? 'global' }),
    ),
  })),
);
export type DaybreakConfig = z.infer<typeof DaybreakConfigSchema>;

/** The configuration's top-level keys (what a `-c key.sub=value` override may start with). */
export const CONFIG_KEYS: readonly string[] = Object.keys(DaybreakConfigSchema.def.in.shape);

/** Validates the configuration; an unknown key is refused with its path and the nearest known key. */
export function parseDaybreakConfig(value: unknown, what = 'configuration'): DaybreakConfig {
  return parseStrict(DaybreakConfigSchema, value, what);
}

/** The sender's domain, taken from the sender address. */
export function senderDomain(config: DaybreakConfig): string {
  return config.sender.address.split('@')[1] ?? '';
}
