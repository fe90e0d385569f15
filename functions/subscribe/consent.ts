import * as z from 'zod/mini';

/**
 * The record of how an address came to be on the list: kept beside the subscriber (its own item,
 * so profile writes by other stages never drop it) and exported with "download my data".
 */
export const ConsentSchema = z.object({
  /** `form` (the signup form), `import:<file or label>` or `cli`. */
  source: z.string().check(z.minLength(1)),
  at: z.iso.datetime({ offset: true }),
  formVersion: z.optional(z.string()),
  /**
   * The requester's IP, hashed with the link key (`TokenSigner.keyedHash('ip', …)`): enough to spot
   * abuse, not enough to locate anyone, and not reversible by trying every address without the key.
   */
  ipHash: z.optional(z.string()),
  /** When the address proved it wanted the mail by opening its confirmation link. */
  confirmedAt: z.optional(z.iso.datetime({ offset: true })),
});
export type Consent = z.infer<typeof ConsentSchema>;

/** The version of the signup form's wording; a consent record says which one the person saw. */
export const FORM_VERSION = '2026-11-27';

/**
 * The network a request comes from, for counting signups: an IPv4 address itself, the /64 prefix
 * of an IPv6 address (one home or phone holds a whole /64, so a limit per address would be
 * nothing). IPv4 written as IPv6 ("::ffff:203.0.113.7") counts as the IPv4 address.
 */
export function networkOf(ip: string): string {
  const address = ip.trim().toLowerCase();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (!address.includes(':')) return address;
  const [head = '', tail] = address.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const groups =
    tail === undefined
      ? headGroups
      : [
          ...headGroups,
          ...Array<string>(Math.max(0, 8 - headGroups.length - tailGroups.length)).fill('0'),
          ...tailGroups,
        ];
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
