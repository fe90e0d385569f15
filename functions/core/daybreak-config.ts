import { z } from 'zod';
import { isTimeZone, parseOrThrow } from './validation';

/**
 * The operator's configuration: one file (`config/daybreak.json`) that drives both the CDK stack
 * and the local stack. Everything a deployment needs to differ in lives here.
 */

const timeZone = z.string().refine(isTimeZone, { message: 'expected an IANA time zone such as "Europe/London"' });
const httpUrl = z.url({ protocol: /^https?$/, message: 'expected an http(s) URL' });

export const SourceSchema = z.object({
  name: z.string().min(1, 'a source needs a name'),
  url: httpUrl,
  kind: z.enum(['feed', 'article', 'section', 'auto']).default('auto'),
  edition: z.string().default('global'),
  category: z.string().default('news'),
  timezone: timeZone.default('UTC'),
  weight: z.number().positive().default(1),
});
export type Source = z.infer<typeof SourceSchema>;

export const EditionSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/, 'expected lower-case letters, digits and dashes'),
  title: z.string().min(1),
  sendAt: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a local time as HH:MM'),
  timezone: timeZone,
  maxStories: z.number().int().min(1).max(100).default(25),
});
export type Edition = z.infer<typeof EditionSchema>;

export const DaybreakConfigSchema = z
  .object({
    sender: z.object({
      address: z.email('expected an email address'),
      name: z.string().min(1).default('Daybreak'),
    }),
    publicUrl: z.url({ protocol: /^https$/, message: 'expected an https URL (links in email must be https)' }),
    editions: z.array(EditionSchema).min(1, 'at least one edition is needed'),
    sources: z.array(SourceSchema).min(1, 'at least one source is needed'),
    ses: z
      .object({ maxSendRate: z.number().positive().default(14), configurationSet: z.string().default('daybreak') })
      .default({ maxSendRate: 14, configurationSet: 'daybreak' }),
    retentionDays: z.number().int().min(1).max(3650).default(30),
    alarmEmail: z.email().optional(),
  })
  .superRefine((config, ctx) => {
    const editions = new Set(config.editions.map((e) => e.id));
    config.sources.forEach((source, i) => {
      if (!editions.has(source.edition) && source.edition !== 'global') {
        ctx.addIssue({ code: 'custom', path: ['sources', i, 'edition'], message: `no edition "${source.edition}" is configured` });
      }
    });
  });
export type DaybreakConfig = z.infer<typeof DaybreakConfigSchema>;

export function parseDaybreakConfig(value: unknown, what = 'configuration'): DaybreakConfig {
  return parseOrThrow(DaybreakConfigSchema, value, what);
}

/** The sender's domain, taken from the sender address. */
export function senderDomain(config: DaybreakConfig): string {
  return config.sender.address.split('@')[1] ?? '';
}
