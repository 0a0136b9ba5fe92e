/**
 * C's `%.Nf` for a double, as glibc prints it: the exact binary value
 * rounded to N decimals, an exact tie to the even digit. GEO replies print
 * distances with `%.4f` and coordinates with `%.17Lf`, and an error names
 * a bad coordinate with `%f`.
 *
 * JavaScript's `toFixed` is exact too but rounds a tie up and switches to
 * an exponent from 1e21, so those two cases take the BigInt path.
 *
 * @module
 */

const FLOAT = new Float64Array(1);
const WORDS = new BigUint64Array(FLOAT.buffer);

/** `value` printed as C's `printf("%.<decimals>f", value)`. */
export function formatFixed(value: number, decimals: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  const magnitude = Math.abs(value);
  const negative = value < 0 || Object.is(value, -0);
  // A tie is a value with exactly decimals + 1 binary digits after the
  // point: value * 2^(decimals + 1) is then an odd integer (and exact,
  // scaling by a power of two).
  const doubled = magnitude * 2 ** (decimals + 1);
  const tie = Number.isInteger(doubled) && doubled % 2 === 1;
  if (magnitude < 1e21 && !tie) {
    const text = magnitude.toFixed(decimals);
    return negative ? `-${text}` : text;
  }
  const text = exactFixed(magnitude, decimals);
  return negative ? `-${text}` : text;
}

// The exact path for a finite, non-negative value: significand and
// exponent from the double's bits, scaled by 10^decimals, rounded to
// nearest with ties to even.
function exactFixed(magnitude: number, decimals: number): string {
  FLOAT[0] = magnitude;
  const word = WORDS[0]!;
  const biased = Number((word >> 52n) & 0x7ffn);
  const fraction = word & 0xfffffffffffffn;
  const significand = biased === 0 ? fraction : fraction | (1n << 52n);
  const exponent = (biased === 0 ? 1 : biased) - 1075;
  const scale = 10n ** BigInt(decimals);
  let scaled: bigint;
  if (exponent >= 0) scaled = (significand << BigInt(exponent)) * scale;
  else {
    const numerator = significand * scale;
    const denominator = 1n << BigInt(-exponent);
    scaled = numerator / denominator;
    const twiceRemainder = 2n * (numerator - scaled * denominator);
    if (twiceRemainder > denominator || (twiceRemainder === denominator && (scaled & 1n) === 1n))
      scaled++;
  }
  if (decimals === 0) return scaled.toString();
  const whole = (scaled / scale).toString();
  return `${whole}.${(scaled % scale).toString().padStart(decimals, '0')}`;
}
