/**
 * BITFIELD's arithmetic, ported from Redis's bitops.c with its exact C
 * integer behaviour: values are 64-bit (BigInt here, cast with asIntN /
 * asUintN where C converts), so the overflow checks, WRAP and SAT give
 * Redis's results to the last bit, quirks included. For instance Redis
 * saturates `SET i8 0 -9223372036854775808` under OVERFLOW SAT to 127,
 * because `max - value` overflows in its check.
 *
 * Fields are read and written most significant bit first from a bit
 * offset, as SETBIT numbers bits.
 *
 * @module
 */

/** What happens when a SET or INCRBY does not fit the field. */
export type OverflowMode = 'WRAP' | 'SAT' | 'FAIL';

const int64 = (value: bigint) => BigInt.asIntN(64, value);
const uint64 = (value: bigint) => BigInt.asUintN(64, value);

/** The unsigned field of `bits` bits at bit `offset` (zeros past the end of `bytes`). */
export function getUnsigned(bytes: Uint8Array, offset: number, bits: number): bigint {
  let value = 0n;
  for (let i = 0; i < bits; i++) {
    const at = offset + i;
    const byte = at >>> 3;
    const bit = byte < bytes.length ? (bytes[byte]! >> (7 - (at & 7))) & 1 : 0;
    value = (value << 1n) | BigInt(bit);
  }
  return value;
}

/** The signed (two's complement) field of `bits` bits at bit `offset`. */
export function getSigned(bytes: Uint8Array, offset: number, bits: number): bigint {
  return BigInt.asIntN(bits, getUnsigned(bytes, offset, bits));
}

/** Writes the low `bits` bits of `value` at bit `offset`; `bytes` must be long enough. */
export function setField(bytes: Uint8Array, offset: number, bits: number, value: bigint): void {
  const unsigned = uint64(value);
  for (let i = 0; i < bits; i++) {
    const at = offset + i;
    const mask = 0x80 >> (at & 7);
    const set = (unsigned >> BigInt(bits - 1 - i)) & 1n;
    if (set === 1n) bytes[at >>> 3]! |= mask;
    else bytes[at >>> 3]! &= ~mask;
  }
}

/**
 * Redis's overflow check: 0 when `value + increment` fits, else 1 (over)
 * or -1 (under), with `limit` the value WRAP or SAT stores (undefined for
 * FAIL).
 */
export interface OverflowCheck {
  readonly overflow: -1 | 0 | 1;
  readonly limit?: bigint;
}

/** checkUnsignedBitfieldOverflow: `value` as uint64, `increment` as int64. */
export function checkUnsigned(
  value: bigint,
  increment: bigint,
  bits: number,
  mode: OverflowMode,
): OverflowCheck {
  const max = (1n << BigInt(bits)) - 1n;
  const maxIncrement = int64(max - value);
  const minIncrement = int64(-value);
  const wrapped = () => BigInt.asUintN(bits, value + increment);
  if (value > max || (increment > 0n && increment > maxIncrement)) {
    return mode === 'WRAP'
      ? { overflow: 1, limit: wrapped() }
      : mode === 'SAT'
        ? { overflow: 1, limit: max }
        : { overflow: 1 };
  }
  if (increment < 0n && increment < minIncrement) {
    return mode === 'WRAP'
      ? { overflow: -1, limit: wrapped() }
      : mode === 'SAT'
        ? { overflow: -1, limit: 0n }
        : { overflow: -1 };
  }
  return { overflow: 0 };
}

/** checkSignedBitfieldOverflow: `value` and `increment` as int64. */
export function checkSigned(
  value: bigint,
  increment: bigint,
  bits: number,
  mode: OverflowMode,
): OverflowCheck {
  const max = bits === 64 ? 2n ** 63n - 1n : (1n << BigInt(bits - 1)) - 1n;
  const min = -max - 1n;
  // As in C: `(uint64_t)max - value` and `min - value`, cast to int64.
  const maxIncrement = int64(uint64(max) - uint64(value));
  const minIncrement = int64(min - value);
  const wrapped = () => {
    const sum = uint64(value + increment);
    return bits < 64 ? BigInt.asIntN(bits, sum) : int64(sum);
  };
  if (
    value > max ||
    (bits !== 64 && increment > maxIncrement) ||
    (value >= 0n && increment > 0n && increment > maxIncrement)
  ) {
    return mode === 'WRAP'
      ? { overflow: 1, limit: wrapped() }
      : mode === 'SAT'
        ? { overflow: 1, limit: max }
        : { overflow: 1 };
  }
  if (
    value < min ||
    (bits !== 64 && increment < minIncrement) ||
    (value < 0n && increment < 0n && increment < minIncrement)
  ) {
    return mode === 'WRAP'
      ? { overflow: -1, limit: wrapped() }
      : mode === 'SAT'
        ? { overflow: -1, limit: min }
        : { overflow: -1 };
  }
  return { overflow: 0 };
}
