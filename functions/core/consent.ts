import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * The record of how an address came to be on the list: kept beside the subscriber (its own item,
 * so profile writes by other stages never drop it) and exported with "download my data".
 */
export const ConsentSchema = z.object({
  /** `form` (the signup form), `import:<file or label>` or `cli`. */
  source: z.string().min(1),
  at: z.iso.datetime({ offset: true }),
  formVersion: z.string().optional(),
  /** sha256 of the requester's IP: enough to spot abuse, not enough to locate anyone. */
  ipHash: z.string().optional(),
  /** When the address proved it wanted the mail by opening its confirmation link. */
  confirmedAt: z.iso.datetime({ offset: true }).optional(),
});
export type Consent = z.infer<typeof ConsentSchema>;

/** The version of the signup form's wording; a consent record says which one the person saw. */
export const FORM_VERSION = '2026-11-27';

export function hashIp(ip: string): string {
  return createHash('sha256').update(ip).digest('hex');
}
