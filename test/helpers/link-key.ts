import { TokenSigner } from '../../functions/core/tokens';

/** The link key of the tests: one key, as in a deployed stack, for signing links and naming subscribers. */
export const testTokens = new TokenSigner('k'.repeat(40));

/** The keyed fingerprint stores name a subscriber by (the active index, the ledger). */
export const testFingerprint = (email: string): string => testTokens.fingerprint(email);
