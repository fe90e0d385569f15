import * as z from 'zod';

/**
 * The parts of an SES event that feedback needs, as SNS carries them: configuration-set event
 * publishing names the kind `eventType`, identity notifications name it `notificationType`.
 */
const Recipient = z.object({ emailAddress: z.string().min(3) });

export const SesEventSchema = z
  .object({
    eventType: z.string().optional(),
    notificationType: z.string().optional(),
    mail: z.object({
      messageId: z.string().min(1),
      tags: z.record(z.string(), z.array(z.string())).default({}),
      headers: z.array(z.object({ name: z.string(), value: z.string() })).default([]),
    }),
    bounce: z
      .object({
        bounceType: z.enum(['Permanent', 'Transient', 'Undetermined']),
        bounceSubType: z.string().default('General'),
        bouncedRecipients: z.array(Recipient).min(1),
      })
      .optional(),
    complaint: z
      .object({
        complainedRecipients: z.array(Recipient).min(1),
        complaintFeedbackType: z.string().optional(),
      })
      .optional(),
  })
  .transform((event) => ({ ...event, kind: event.eventType ?? event.notificationType ?? 'Unknown' }));
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
