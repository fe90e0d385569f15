import { HLL_REGISTERS, hllEstimate, hllUpdate } from '../../../../functions/core/clicks/hyperloglog';
import { TokenSigner } from '../../../../functions/core/tokens';

/** Registers as the click store keeps them: the highest rank seen per register. */
function registersOf(inputs: string[], signer: TokenSigner, purpose = 'uniques:2026-11-27.global') {
  const registers = new Map<number, number>();
  for (const input of inputs) {
    const { register, rank } = hllUpdate(signer.keyedDigest(purpose, input));
    registers.set(register, Math.max(registers.get(register) ?? 0, rank));
  }
  return registers;
}

function merge(...maps: Map<number, number>[]): Map<number, number> {
  const merged = new Map<number, number>();
  for (const map of maps)
    for (const [register, rank] of map) merged.set(register, Math.max(merged.get(register) ?? 0, rank));
  return merged;
}

const visitors = (count: number, prefix = 'visitor') => Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
/** 1.04 / √m: HyperLogLog's standard error with m registers (about 4.6% with 512). */
const STANDARD_ERROR = 1.04 / Math.sqrt(HLL_REGISTERS);

describe('HyperLogLog of unique clickers', () => {
  const signer = new TokenSigner('k'.repeat(40));

  it('estimates 10,000 distinct clickers within three standard errors, whatever the key', () => {
    for (const key of ['k', 'q', 'z'])
      for (const count of [1000, 10_000, 50_000]) {
        const estimate = hllEstimate(registersOf(visitors(count), new TokenSigner(key.repeat(40))));
        expect(Math.abs(estimate - count) / count).toBeLessThan(3 * STANDARD_ERROR);
      }
  });

  it('counts small numbers of clickers nearly exactly, and none as zero', () => {
    expect(hllEstimate(new Map())).toBe(0);
    expect(hllEstimate(registersOf(['only-one'], signer))).toBe(1);
    expect(Math.abs(hllEstimate(registersOf(visitors(50), signer)) - 50)).toBeLessThanOrEqual(3);
  });

  it('counts a clicker who comes back as one', () => {
    const once = registersOf(visitors(2000), signer);
    const thrice = registersOf([...visitors(2000), ...visitors(2000), ...visitors(2000)], signer);
    expect(thrice).toEqual(once);
  });

  it('is keyed: the same clickers under another key set other registers, so nobody can test an input without the key', () => {
    const inputs = visitors(200);
    const a = registersOf(inputs, signer);
    const b = registersOf(inputs, new TokenSigner('o'.repeat(40)));
    expect(b).not.toEqual(a);
    // Another edition's registers (another purpose) differ too: editions cannot be joined.
    expect(registersOf(inputs, signer, 'uniques:2026-11-28.global')).not.toEqual(a);
    for (const input of inputs.slice(0, 20))
      expect(hllUpdate(signer.keyedDigest('uniques:x', input))).not.toEqual(
        hllUpdate(new TokenSigner('o'.repeat(40)).keyedDigest('uniques:x', input)),
      );
  });

  it('merges shards by taking each register’s maximum: the merge estimates the union', () => {
    const all = visitors(8000);
    // Four shards, overlapping: some clickers' clicks land on several shards.
    const shards = [0, 1, 2, 3].map((s) =>
      registersOf(
        all.filter((_, i) => i % 4 === s || i % 10 === 0),
        signer,
      ),
    );
    expect(merge(...shards)).toEqual(registersOf(all, signer));
    expect(Math.abs(hllEstimate(merge(...shards)) - all.length) / all.length).toBeLessThan(3 * STANDARD_ERROR);
  });

  it('uses 512 registers and ranks from the hash’s leading zeros', () => {
    expect(HLL_REGISTERS).toBe(512);
    const zeros = Buffer.alloc(32);
    expect(hllUpdate(zeros)).toEqual({ register: 0, rank: 64 - 9 + 1 });
    const ones = Buffer.alloc(32, 0xff);
    expect(hllUpdate(ones)).toEqual({ register: 511, rank: 1 });
  });
});
