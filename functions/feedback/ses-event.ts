import * as z from 'zod/mini';

/**
 * The parts of an SES event that feedback needs, as SNS carries them: configuration-set event
 * publishing names the kind `eventType`, identity notifications name it `notificationType`.
 */
const Recipient = z.object({ emailAddress: z.string().check(z.minLength(3)) });

export const SesEventSchema = z.pipe(
  z.object({
    eventType: z.optional(z.string()),
    notificationType: z.optional(z.string()),
    mail: z.object({
      messageId: z.string().check(z.minLength(1)),
      tags: z._default(z.record(z.string(), z.array(z.string())), {}),
      headers: z._default(z.array(z.object({ name: z.string(), value: z.string() })), []),
    }),
    bounce: z.optional(
      z.object({
        bounceType: z.enum(['Permanent', 'Transient', 'Undetermined']),
        bounceSubType: z._default(z.string(), 'General'),
        bouncedRecipients: z.array(Recipient).check(z.minLength(1)),
      }),
    ),
    complaint: z.optional(
      z.object({
        complainedRecipients: z.array(Recipient).check(z.minLength(1)),
        complaintFeedbackType: z.optional(z.string()),
      }),
    ),
  }),
  z.transform((event) => ({ ...event, kind: event.eventType ?? event.notificationType ?? 'Unknown' })),
);
export type SesEvent = z.infer<typeof SesEventSchema>;

/** The edition a message belonged to: from its tags, else from its Feedback-ID header (`<date>:<edition>:daybreak`). */
export function editionOf(event: SesEvent): { date: string; edition: string } | undefined {
  const date = event.mail.tags.date?.[0];
  const edition = event.mail.tags.edition?.[0];
  if (date && edition) return { date, edition };
  const feedbackId = event.mail.headers.find((h) => h.name.toLowerCase() === 'feedback-id')?.value;
  const match = /^(\d{4}-\d{2}-\d{2}):([^:]+):daybreak$/.exec(feedbackId?.trim() ?? '');
  return match?.[1] && match[2] ? { date: match[1], edition: match[2] } : undefined;
}
