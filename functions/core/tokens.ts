import { createHmac, timingSafeEqual } from 'node:crypto';
import * as z from 'zod/mini';

/**
 * Signed links for subscribers: `<payload>.<signature>`, both base64url. The payload names the
 * purpose, so an unsubscribe token can never confirm an address or open preferences.
 */

export const TokenPurposeSchema = z.enum(['confirm', 'unsubscribe', 'preferences']);
export type TokenPurpose = z.infer<typeof TokenPurposeSchema>;

const PayloadSchema = z.object({
  p: TokenPurposeSchema,
  e: z.email(),
  x: z.number().check(z.int()),
  n: z.optional(z.string()),
});

export type TokenCheck =
  | { ok: true; email: string; nonce?: string; expiresAt: Date }
  | { ok: false; reason: 'malformed' | 'bad-signature' | 'wrong-purpose' | 'expired' };

export class TokenSigner {
  constructor(private readonly secret: string) {
    if (secret.length < 32) throw new Error('The token secret must have at least 32 characters');
  }

  sign(purpose: TokenPurpose, email: string, expiresAt: Date, nonce?: string): string {
    const payload = Buffer.from(
      JSON.stringify({ p: purpose, e: email, x: Math.floor(expiresAt.getTime() / 1000), n: nonce }),
    ).toString('base64url');
    return `${payload}.${this.signature(payload)}`;
  }

  verify(token: string, purpose: TokenPurpose, now: Date): TokenCheck {
    const [payload, signature, extra] = token.split('.');
    if (!payload || !signature || extra !== undefined) return { ok: false, reason: 'malformed' };
    const expected = Buffer.from(this.signature(payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given))
      return { ok: false, reason: 'bad-signature' };
    let decoded: unknown;
    try {
      decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    const parsed = PayloadSchema.safeParse(decoded);
    if (!parsed.success) return { ok: false, reason: 'malformed' };
    if (parsed.data.p !== purpose) return { ok: false, reason: 'wrong-purpose' };
    const expiresAt = new Date(parsed.data.x * 1000);
    if (expiresAt <= now) return { ok: false, reason: 'expired' };
    return { ok: true, email: parsed.data.e, nonce: parsed.data.n, expiresAt };
  }

  /**
   * A keyed, non-reversible name for an address (any case): what is kept of a person who asked to
   * be deleted. Unlike a plain hash, nobody without the key can test a list of addresses against it.
   */
  fingerprint(email: string): string {
    return this.keyedHash('fingerprint', email.trim().toLowerCase());
  }

  /**
   * A keyed hash of anything that names a person (an IP address, a network): a plain SHA-256 of an
   * IPv4 address is reversed by trying all 2^32 of them; without the key nothing can be tried.
   * `kind` keeps the names of different things apart.
   */
  keyedHash(kind: string, value: string): string {
    return this.keyedDigest(kind, value).toString('hex').slice(0, 32);
  }

  /**
   * The id a reader's click links carry when an edition is sent with per-subscriber tracking (with
   * consent): keyed, so it names no one without the key; erasure finds their clicks by it.
   */
  readerId(email: string): string {
    return this.keyedHash('reader', email.trim().toLowerCase());
  }

  /** The signature of one tracked link of an edition (`2026-11-26.global`, `3`): 128 bits, short enough for every link. */
  clickSignature(edition: string, linkId: string): string {
    return createHmac('sha256', this.secret).update(`click:${edition}:${linkId}`).digest('base64url').slice(0, 22);
  }

  verifyClick(edition: string, linkId: string, signature: string): boolean {
    const expected = Buffer.from(this.clickSignature(edition, linkId));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  /**
   * A keyed hash for counting (unique clickers, reader ids): without the key nobody can tell which
   * input it came from, so the counts keep nothing that names a person.
   */
  keyedDigest(purpose: string, value: string): Buffer {
    return createHmac('sha256', this.secret).update(`${purpose}:${value}`).digest();
  }

  private signature(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url');
  }
}
