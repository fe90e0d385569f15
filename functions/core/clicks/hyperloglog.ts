/**
 * HyperLogLog registers for estimating unique clickers. What is stored per register is only the
 * longest run of leading zeros seen, of a keyed hash: nothing that names or re-identifies a clicker.
 * 2^9 registers give about 4.6% standard error.
 */
export const HLL_BITS = 9;
export const HLL_REGISTERS = 1 << HLL_BITS;

/** The register and rank a 64-bit hash (the first 8 bytes of `digest`) updates. */
export function hllUpdate(digest: Buffer): { register: number; rank: number } {
  const value = digest.readBigUInt64BE(0);
  const register = Number(value >> BigInt(64 - HLL_BITS));
  const rest = value & ((1n << BigInt(64 - HLL_BITS)) - 1n);
  let rank = 1;
  for (let bit = 64 - HLL_BITS - 1; bit >= 0 && ((rest >> BigInt(bit)) & 1n) === 0n; bit--) rank++;
  return { register, rank };
}

/** The cardinality estimate from registers (a missing register is 0), with small-range correction. */
export function hllEstimate(registers: ReadonlyMap<number, number>): number {
  const m = HLL_REGISTERS;
  let sum = 0;
  let zeros = 0;
  for (let i = 0; i < m; i++) {
    const rank = registers.get(i) ?? 0;
    sum += 2 ** -rank;
    if (rank === 0) zeros++;
  }
  const alpha = 0.7213 / (1 + 1.079 / m);
  const raw = (alpha * m * m) / sum;
  const estimate = raw <= 2.5 * m && zeros > 0 ? m * Math.log(m / zeros) : raw;
  return Math.round(estimate);
}
