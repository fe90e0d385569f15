import { hashEmail } from '../../../functions/core/hash';
import { TokenSigner } from '../../../functions/core/tokens';

const signer = new TokenSigner('k'.repeat(40));
const now = new Date('2026-11-26T08:00:00Z');
const later = new Date('2026-12-26T08:00:00Z');

describe('TokenSigner', () => {
  it('verifies a token it signed, for its purpose', () => {
    const token = signer.sign('unsubscribe', 'ann@example.com', later);
    expect(signer.verify(token, 'unsubscribe', now)).toMatchObject({ ok: true, email: 'ann@example.com' });
  });

  it('refuses a token signed for another purpose', () => {
    const token = signer.sign('unsubscribe', 'ann@example.com', later);
    expect(signer.verify(token, 'confirm', now)).toEqual({ ok: false, reason: 'wrong-purpose' });
  });

  it('refuses an expired token', () => {
    const token = signer.sign('confirm', 'ann@example.com', now);
    expect(signer.verify(token, 'confirm', later)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a tampered payload, a token from another key and garbage', () => {
    const token = signer.sign('unsubscribe', 'ann@example.com', later);
    const [, signature] = token.split('.');
    const forged = `${Buffer.from(JSON.stringify({ p: 'unsubscribe', e: 'bob@example.com', x: 9999999999 })).toString('base64url')}.${signature}`;
    expect(signer.verify(forged, 'unsubscribe', now)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(new TokenSigner('z'.repeat(40)).verify(token, 'unsubscribe', now)).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
    expect(signer.verify('not-a-token', 'unsubscribe', now)).toEqual({ ok: false, reason: 'malformed' });
    expect(signer.verify('a.b.c', 'unsubscribe', now)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('will not work with a short key', () => {
    expect(() => new TokenSigner('short')).toThrow(/at least 32 characters/);
  });
});

describe('TokenSigner.fingerprint', () => {
  const signer = new TokenSigner('f'.repeat(40));

  it('names an address the same in any case, and differently from any other address', () => {
    expect(signer.fingerprint('Ann@Example.com')).toBe(signer.fingerprint(' ann@example.com '));
    expect(signer.fingerprint('ann@example.com')).not.toBe(signer.fingerprint('anne@example.com'));
    expect(signer.fingerprint('ann@example.com')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('cannot be computed without the key: not the plain hash, and another key gives another name', () => {
    expect(signer.fingerprint('ann@example.com')).not.toBe(hashEmail('ann@example.com'));
    expect(new TokenSigner('g'.repeat(40)).fingerprint('ann@example.com')).not.toBe(
      signer.fingerprint('ann@example.com'),
    );
  });
});

describe('TokenSigner click signatures', () => {
  const signer = new TokenSigner('k'.repeat(40));
  const signature = signer.clickSignature('2026-11-26.global', '3');

  it('verifies the signature of its own edition and link id only', () => {
    expect(signature).toMatch(/^[\w-]{22}$/);
    expect(signer.verifyClick('2026-11-26.global', '3', signature)).toBe(true);
    expect(signer.verifyClick('2026-11-26.global', '4', signature)).toBe(false);
    expect(signer.verifyClick('2026-11-27.global', '3', signature)).toBe(false);
    expect(signer.verifyClick('2026-11-26.asia', '3', signature)).toBe(false);
  });

  it('refuses a tampered, truncated, padded or foreign signature', () => {
    const flipped = `${signature.slice(0, 21)}${signature.endsWith('A') ? 'B' : 'A'}`;
    for (const given of [flipped, signature.slice(0, 21), `${signature}A`, '', 'x'.repeat(22)])
      expect(signer.verifyClick('2026-11-26.global', '3', given)).toBe(false);
    expect(new TokenSigner('z'.repeat(40)).verifyClick('2026-11-26.global', '3', signature)).toBe(false);
  });

  it('gives readers a keyed id of the address in any case, different from its fingerprint', () => {
    expect(signer.readerId('Ann@Example.com')).toBe(signer.readerId(' ann@example.com'));
    expect(signer.readerId('ann@example.com')).not.toBe(signer.fingerprint('ann@example.com'));
    expect(new TokenSigner('z'.repeat(40)).readerId('ann@example.com')).not.toBe(signer.readerId('ann@example.com'));
  });
});
