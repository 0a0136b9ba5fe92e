/**
 * Arrays of Lua values that V8 never keeps as raw doubles.
 *
 * A NaN's sign is part of what a Lua script sees (tostring prints "-nan"
 * or "nan"; see nanOf in value.ts). V8 keeps an array that has only held
 * numbers as raw doubles, and a NaN stored into such an array through
 * its runtime (a cold store, or the change of the array's kind when its
 * first fraction arrives) becomes the canonical, positive NaN: the same
 * script printed "-nan" or "nan" depending on what ran before it. An
 * array that begins with `undefined` in it is an array of any value,
 * whose numbers are kept as they are. Argument lists and the math
 * library's results are made here.
 *
 * Call frames are not: their locals stay in arrays V8 may keep as raw
 * doubles, which numeric loops need (boxed, a loop of arithmetic on
 * locals ran about twice as long). So a NaN that is the first fraction a
 * fresh function stores in a local can still lose its sign.
 *
 * @module
 */

// Copied from: slice keeps the elements' kind (any value).
const BLANK: readonly unknown[] = new Array(256).fill(undefined);

/** `length` values, all nil, as an array of any value. */
export function valueSlots(length: number): unknown[] {
  return length <= BLANK.length ? BLANK.slice(0, length) : new Array(length).fill(undefined);
}

/** A list of the one value `value`, as an array of any value. */
export function oneValue(value: unknown): unknown[] {
  const values: unknown[] = [undefined];
  values[0] = value;
  return values;
}
