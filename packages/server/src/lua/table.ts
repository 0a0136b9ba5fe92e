/**
 * A Lua table, laid out exactly as Lua 5.1's (ltable.c, ported): an array
 * part for the keys 1..sizearray and a hash part of 2^k nodes, chained
 * scatter with Brent's variation, filled from a free pointer that moves
 * down, and rehashed (both parts resized by counting integer keys) when
 * it runs out of room. Strings hash as Redis's Lua does (every byte).
 *
 * The layout decides the order `next` (so `pairs`, and cjson's objects)
 * walks the keys in. Copying it makes that order Redis's for every table
 * whose keys are strings, numbers and booleans, built by the same steps
 * (constructors pass the size hints Lua's compiler would, see
 * compiler.ts). Tables, functions and userdata as keys hash by address in
 * Lua, which no copy can match: here they hash by a counter.
 *
 * Redis's read-only flag is here too: any write to a read-only table
 * fails ("Attempt to modify a readonly table").
 *
 * @module
 */

import { LuaError } from './value.js';

/** Lua 5.1's MAXBITS: the array part is at most 2^26 long. */
const MAX_BITS = 26;
const MAX_ARRAY_SIZE = 1 << MAX_BITS;
const NO_NEXT = -1;

const numberView = new DataView(new ArrayBuffer(8));
// Lua's dummynode: the hash part of every table that has none. Never
// written: a key added to such a table rehashes first.
const DUMMY_KEYS: unknown[] = [undefined];
const DUMMY_VALUES: unknown[] = [undefined];
const DUMMY_NEXT: number[] = [NO_NEXT];
// Identities standing in for addresses, for keys that are objects.
const objectHashes = new WeakMap<object, number>();
let nextObjectHash = 0x9e3779b9;

// Hashes of strings seen, since Lua keeps each string's hash with it
// (V8 hashes a Map's string keys once, too). Cleared when it grows large.
const stringHashes = new Map<string, number>();
const STRING_HASH_CACHE_LIMIT = 65536;

/** luaH_set's error for a key no table can hold (nil, NaN), or undefined. */
export function invalidKey(key: unknown): string | undefined {
  if (key === undefined) return 'table index is nil';
  if (typeof key === 'number' && Number.isNaN(key)) return 'table index is NaN';
  return undefined;
}

/** Redis's error for a write to a protected table. */
export const READONLY_TABLE = 'Attempt to modify a readonly table';

/** Redis's luaS_hash: the length as seed, then every byte from the last. */
export function stringHash(s: string): number {
  let h = stringHashes.get(s);
  if (h !== undefined) return h;
  h = computeStringHash(s);
  if (stringHashes.size >= STRING_HASH_CACHE_LIMIT) stringHashes.clear();
  stringHashes.set(s, h);
  return h;
}

function computeStringHash(s: string): number {
  let h = s.length >>> 0;
  for (let i = s.length; i >= 1; i--) {
    h = (h ^ (((h << 5) >>> 0) + (h >>> 2) + s.charCodeAt(i - 1))) >>> 0;
  }
  return h;
}

// luaO_log2 rounded up, for sizes (ceillog2(1) is 0).
function ceilLog2(x: number): number {
  let log = 0;
  while (2 ** log < x) log++;
  return log;
}

// lua_number2int on x86-64: C's (int) cast (out of range: INT_MIN).
function toInt32(n: number): number {
  return Math.abs(n) < 2 ** 31 ? Math.trunc(n) : -(2 ** 31);
}

// The key's place in the array part (1-based), or -1 (arrayindex).
function arrayIndex(key: unknown): number {
  if (typeof key !== 'number') return -1;
  const k = toInt32(key);
  return k === key ? k : -1;
}

export class LuaTable {
  /** The array part: keys 1..array.length (nil is undefined). */
  array: unknown[] = [];
  #keys: unknown[] = DUMMY_KEYS;
  #values: unknown[] = DUMMY_VALUES;
  #next: number[] = DUMMY_NEXT;
  // The hash part's size is 2^#logSize; #dummy: it has none (Lua's dummynode).
  #logSize = 0;
  #dummy = true;
  // Free positions are below this one.
  #lastFree = 0;
  metatable: LuaTable | undefined = undefined;
  /** Set by Redis's sandbox: any write fails with "Attempt to modify a readonly table". */
  readonly = false;

  /** A table with room for `arraySize` array items and `hashSize` hash items (luaH_new). */
  constructor(arraySize = 0, hashSize = 0) {
    if (arraySize > 0) this.array = new Array(arraySize).fill(undefined);
    if (hashSize > 0) this.#setNodeVector(hashSize);
  }

  get #nodeCount(): number {
    return 1 << this.#logSize;
  }

  #mainPosition(key: unknown): number {
    const mask = this.#nodeCount - 1;
    switch (typeof key) {
      case 'string':
        return stringHash(key) & mask;
      case 'number': {
        // hashnum: the double's two 32-bit words summed (0 for ±0).
        if (key === 0) return 0;
        numberView.setFloat64(0, key, true);
        const sum = (numberView.getUint32(0, true) + numberView.getUint32(4, true)) >>> 0;
        return sum % (mask | 1);
      }
      case 'boolean':
        return (key ? 1 : 0) & mask;
      default: {
        // A pointer in Lua; a counter here (see the module comment).
        if (key === null || (typeof key !== 'object' && typeof key !== 'function')) return 0;
        let hash = objectHashes.get(key as object);
        if (hash === undefined) {
          hash = nextObjectHash;
          nextObjectHash = (nextObjectHash + 0x61c88647) >>> 0;
          objectHashes.set(key as object, hash);
        }
        return hash % (mask | 1);
      }
    }
  }

  // The node holding `key`, or -1.
  #find(key: unknown): number {
    if (this.#dummy) return -1;
    return this.#findFrom(key, this.#mainPosition(key));
  }

  // The node holding `key` in the chain from node n (its main position).
  #findFrom(key: unknown, n: number): number {
    const keys = this.#keys;
    const next = this.#next;
    do {
      if (keys[n] === key) return n;
      n = next[n]!;
    } while (n !== NO_NEXT);
    return -1;
  }

  /** The value at `key`, without metamethods (nil is undefined). */
  get(key: unknown): unknown {
    if (typeof key === 'number') {
      const k = toInt32(key);
      if (k === key && k >= 1 && k <= this.array.length) return this.array[k - 1];
    }
    const n = this.#find(key);
    return n < 0 ? undefined : this.#values[n];
  }

  /** The value at string `key` (a field). */
  getString(key: string): unknown {
    const n = this.#find(key);
    return n < 0 ? undefined : this.#values[n];
  }

  /**
   * getString for a key whose stringHash the caller worked out once: the
   * compiled code's constant names (`math`, `.sqrt`), read on every turn
   * of a loop, where looking the hash up again cost about a third of the
   * read.
   */
  getStringHashed(key: string, hash: number): unknown {
    if (this.#dummy) return undefined;
    const n = this.#findFrom(key, hash & (this.#nodeCount - 1));
    return n < 0 ? undefined : this.#values[n];
  }

  /**
   * Sets `key` to `value` without metamethods, as luaH_set: a key not yet
   * in the table gets a node even when `value` is nil, as in Lua.
   * @throws LuaError for a nil or NaN key, or a read-only table.
   */
  set(key: unknown, value: unknown): void {
    // Redis checks in lua_rawset and friends, with luaG_runerror from the
    // C function that writes (rawset, table.insert): so no position here.
    // Lua code's own assignments check first, positioned (setIndex).
    if (this.readonly) throw new LuaError(READONLY_TABLE);
    if (typeof key === 'number') {
      const k = toInt32(key);
      if (k === key && k >= 1 && k <= this.array.length) {
        this.array[k - 1] = value;
        return;
      }
    }
    const n = this.#find(key);
    if (n >= 0) {
      this.#values[n] = value;
      return;
    }
    // Raised from C (rawset, a library building a table): no position.
    // Lua code's own stores check first, positioned (invalidKey).
    const invalid = invalidKey(key);
    if (invalid !== undefined) throw new LuaError(invalid);
    this.#newKey(key, value);
  }

  // newkey: puts a key that is not in the table in its main position,
  // moving a colliding node that is not in its own; rehashes when full.
  #newKey(key: unknown, value: unknown): void {
    let mp = this.#mainPosition(key);
    if (this.#dummy || this.#values[mp] !== undefined) {
      const free = this.#freePosition();
      if (free < 0) {
        this.#rehash(key);
        this.set(key, value);
        return;
      }
      const keys = this.#keys;
      const values = this.#values;
      const next = this.#next;
      let other = this.#mainPosition(keys[mp]);
      if (other !== mp) {
        // The colliding node is out of its main position: move it.
        while (next[other] !== mp) other = next[other]!;
        next[other] = free;
        keys[free] = keys[mp];
        values[free] = values[mp];
        next[free] = next[mp]!;
        next[mp] = NO_NEXT;
        values[mp] = undefined;
      } else {
        // It is in its own: the new key goes to the free position.
        next[free] = next[mp]!;
        next[mp] = free;
        mp = free;
      }
    }
    this.#keys[mp] = key;
    this.#values[mp] = value;
  }

  #freePosition(): number {
    if (this.#dummy) return -1;
    while (this.#lastFree > 0) {
      this.#lastFree--;
      if (this.#keys[this.#lastFree] === undefined) return this.#lastFree;
    }
    return -1;
  }

  #setNodeVector(size: number): void {
    if (size === 0) {
      this.#dummy = true;
      this.#logSize = 0;
      this.#keys = DUMMY_KEYS;
      this.#values = DUMMY_VALUES;
      this.#next = DUMMY_NEXT;
      this.#lastFree = 0;
      return;
    }
    const logSize = ceilLog2(size);
    if (logSize > MAX_BITS) throw new LuaError('table overflow', 1);
    const count = 2 ** logSize;
    this.#dummy = false;
    this.#logSize = logSize;
    this.#keys = new Array(count).fill(undefined);
    this.#values = new Array(count).fill(undefined);
    this.#next = new Array(count).fill(NO_NEXT);
    this.#lastFree = count;
  }

  // rehash: counts the integer keys (and the one being added) by powers
  // of two and sizes the array part as the largest n with more than n/2
  // of 1..n in use; the rest goes to the hash part.
  #rehash(extraKey: unknown): void {
    const nums = new Array<number>(MAX_BITS + 1).fill(0);
    let arrayKeys = this.#countArray(nums);
    let total = arrayKeys;
    const hashCount = this.#countHash(nums);
    total += hashCount.total;
    arrayKeys += hashCount.integers;
    arrayKeys += countInteger(extraKey, nums);
    total++;
    const { size, inArray } = computeSizes(nums, arrayKeys);
    this.#resize(size, total - inArray);
  }

  #countArray(nums: number[]): number {
    let used = 0;
    let i = 1;
    const size = this.array.length;
    for (let lg = 0, twoToLg = 1; lg <= MAX_BITS; lg++, twoToLg *= 2) {
      let count = 0;
      let limit = twoToLg;
      if (limit > size) {
        limit = size;
        if (i > limit) break;
      }
      for (; i <= limit; i++) if (this.array[i - 1] !== undefined) count++;
      nums[lg]! += count;
      used += count;
    }
    return used;
  }

  #countHash(nums: number[]): { total: number; integers: number } {
    let total = 0;
    let integers = 0;
    if (this.#dummy) return { total, integers };
    for (let i = this.#nodeCount - 1; i >= 0; i--) {
      if (this.#values[i] !== undefined) {
        integers += countInteger(this.#keys[i], nums);
        total++;
      }
    }
    return { total, integers };
  }

  /** Resizes the array part to `size` (luaH_resizearray), rehashing the hash part as Lua does. */
  resizeArray(size: number): void {
    this.#resize(size, this.#dummy ? 0 : this.#nodeCount);
  }

  #resize(arraySize: number, hashSize: number): void {
    const oldArraySize = this.array.length;
    const oldKeys = this.#keys;
    const oldValues = this.#values;
    const oldCount = this.#dummy ? 0 : this.#nodeCount;
    if (arraySize > oldArraySize) {
      for (let i = oldArraySize; i < arraySize; i++) this.array.push(undefined);
    }
    this.#setNodeVector(hashSize);
    if (arraySize < oldArraySize) {
      const vanishing = this.array.slice(arraySize);
      this.array.length = arraySize;
      for (let i = 0; i < vanishing.length; i++) {
        if (vanishing[i] !== undefined) this.#rawSetNew(arraySize + i + 1, vanishing[i]);
      }
    }
    // Re-insert the old hash part, last node first.
    for (let i = oldCount - 1; i >= 0; i--) {
      if (oldValues[i] !== undefined) this.#rawSetNew(oldKeys[i], oldValues[i]);
    }
  }

  // Sets during a resize, past the read-only guard (as luaH_set does).
  #rawSetNew(key: unknown, value: unknown): void {
    const readonly = this.readonly;
    this.readonly = false;
    this.set(key, value);
    this.readonly = readonly;
  }

  /** The length operator: a border, found as luaH_getn finds it. */
  get length(): number {
    const array = this.array;
    let j = array.length;
    if (j > 0 && array[j - 1] === undefined) {
      // A border in the array part: binary search.
      let i = 0;
      while (j - i > 1) {
        const m = Math.floor((i + j) / 2);
        if (array[m - 1] === undefined) j = m;
        else i = m;
      }
      return i;
    }
    if (this.#dummy) return j;
    return this.#unboundSearch(j);
  }

  #unboundSearch(start: number): number {
    let i = start;
    let j = start + 1;
    while (this.get(j) !== undefined) {
      i = j;
      j *= 2;
      if (j > 2147483647) {
        i = 1;
        while (this.get(i) !== undefined) i++;
        return i - 1;
      }
    }
    while (j - i > 1) {
      const m = Math.floor((i + j) / 2);
      if (this.get(m) === undefined) j = m;
      else i = m;
    }
    return i;
  }

  /**
   * Lua's `next`: the key and value after `key` (nil: the first), or
   * undefined at the end: the array part in order, then the nodes in
   * their order.
   * @throws LuaError "invalid key to 'next'" for a key that is not in the table.
   */
  next(key: unknown): [unknown, unknown] | undefined {
    const array = this.array;
    let i: number;
    if (key === undefined) {
      i = -1;
    } else {
      const k = arrayIndex(key);
      if (k > 0 && k <= array.length) {
        i = k - 1;
      } else {
        const n = this.#find(key);
        // luaH_next raises it with luaG_runerror, which positions only an
        // error raised by Lua code: next is a C function, so no position.
        if (n < 0) throw new LuaError("invalid key to 'next'");
        i = n + array.length;
      }
    }
    for (i++; i < array.length; i++) {
      if (array[i] !== undefined) return [i + 1, array[i]];
    }
    if (this.#dummy) return undefined;
    const values = this.#values;
    for (i -= array.length; i < values.length; i++) {
      if (values[i] !== undefined) return [this.#keys[i], values[i]];
    }
    return undefined;
  }

  /** Lua 5.1's table.maxn: the largest positive numeric key (0 when none). */
  maxn(): number {
    let max = 0;
    for (let entry = this.next(undefined); entry !== undefined; entry = this.next(entry[0])) {
      if (typeof entry[0] === 'number' && entry[0] > max) max = entry[0];
    }
    return max;
  }
}

// countint: counts `key` in nums when it could go to the array part.
function countInteger(key: unknown, nums: number[]): number {
  const k = arrayIndex(key);
  if (k > 0 && k <= MAX_ARRAY_SIZE) {
    nums[ceilLog2(k)]! += 1;
    return 1;
  }
  return 0;
}

// computesizes: the array part's new size and how many keys it takes.
function computeSizes(nums: number[], arrayKeys: number): { size: number; inArray: number } {
  let a = 0;
  let inArray = 0;
  let size = 0;
  for (let i = 0, twoToI = 1; twoToI / 2 < arrayKeys; i++, twoToI *= 2) {
    if (nums[i]! > 0) {
      a += nums[i]!;
      if (a > twoToI / 2) {
        size = twoToI;
        inArray = a;
      }
    }
    if (a === arrayKeys) break;
  }
  return { size, inArray };
}

/** luaO_int2fb then luaO_fb2int: a constructor's size hint as Lua's bytecode keeps it. */
export function sizeHint(n: number): number {
  let x = n;
  let e = 0;
  while (x >= 16) {
    x = (x + 1) >> 1;
    e++;
  }
  const fb = x < 8 ? x : ((e + 1) << 3) | (x - 8);
  const exponent = (fb >> 3) & 31;
  return exponent === 0 ? fb : ((fb & 7) + 8) << (exponent - 1);
}
