import * as z from 'zod/mini';
import { BrandSchema, type DaybreakConfig, DEFAULT_BRAND } from '../core/daybreak-config';
import { json } from '../core/settings-contract';

/**
 * Who the email is from, as every digest, confirmation and page shows it: the brand and the
 * sender's postal address (CAN-SPAM). Rendered into the edition once, never per recipient.
 */
export const IdentitySchema = z.object({
  brand: BrandSchema,
  postalAddress: z.string().check(z.minLength(5)),
});
export type Identity = z.infer<typeof IdentitySchema>;

/** The setting that carries the identity to the digest and subscribe functions. */
export const identitySetting = json('DAYBREAK_IDENTITY', IdentitySchema);

/** What the local stack shows where an operator has not written a postal address yet (deploys refuse that). */
export const MISSING_POSTAL_ADDRESS = 'Postal address not configured (sender.postalAddress)';

/** For tests and renders with no configuration at hand. */
export const DEFAULT_IDENTITY: Identity = { brand: DEFAULT_BRAND, postalAddress: MISSING_POSTAL_ADDRESS };

/** The identity a configuration gives (the local stack fills in a visible placeholder for a missing address). */
export function identityOf(config: Pick<DaybreakConfig, 'brand' | 'sender'>): Identity {
  return { brand: config.brand, postalAddress: config.sender.postalAddress ?? MISSING_POSTAL_ADDRESS };
}

/** The error `cdk synth` stops with when the configuration has no postal address. */
export function requirePostalAddress(config: Pick<DaybreakConfig, 'sender'>): string {
  const address = config.sender.postalAddress;
  if (!address)
    throw new Error(
      'sender.postalAddress is required to deploy: every email shows the sender’s postal address (CAN-SPAM); add it to the configuration, e.g. "sender": { "postalAddress": "1 Example Street, London N1 1AA, United Kingdom" }',
    );
  return address;
}
