/**
 * Lua 5.1's table library: concat, insert, remove, sort (Lua's own
 * quicksort, so equal elements end in the same order as in Redis),
 * getn, setn (obsolete, an error), maxn, foreach and foreachi.
 *
 * @module
 */

import { callStack } from '../call-stack.js';
import { callFromNative, lessThan } from '../operations.js';
import { LuaTable } from '../table.js';
import { LuaError, type LuaFunction, luaType, numberToString, truthy } from '../value.js';
import { argError, checkInt, checkTable, optInt, optString } from './args.js';

function sort(table: LuaTable, comparator: unknown): void {
  const less =
    comparator === undefined
      ? (a: unknown, b: unknown) => lessThan(a, b, 0)
      : (a: unknown, b: unknown) => truthy(callFromNative(comparator, [a, b])[0]);
  const get = (i: number) => table.get(i);
  const set = (i: number, v: unknown) => table.set(i, v);
  const swap = (i: number, j: number) => {
    const a = get(i);
    set(i, get(j));
    set(j, a);
  };
  // ltablib.c's auxsort, ported as it is.
  const auxsort = (l: number, u: number): void => {
    while (l < u) {
      if (less(get(u), get(l))) swap(l, u);
      if (u - l === 1) break;
      let i = Math.floor((l + u) / 2);
      if (less(get(i), get(l))) swap(i, l);
      else if (less(get(u), get(i))) swap(i, u);
      if (u - l === 2) break;
      const pivot = get(i);
      swap(i, u - 1);
      i = l;
      let j = u - 1;
      for (;;) {
        while (less(get(++i), pivot)) {
          if (i > u) throw new LuaError('invalid order function for sorting', 1);
        }
        while (less(pivot, get(--j))) {
          if (j < l) throw new LuaError('invalid order function for sorting', 1);
        }
        if (j < i) break;
        swap(i, j);
      }
      swap(u - 1, i);
      if (i - l < u - i) {
        j = l;
        i = i - 1;
        l = i + 2;
      } else {
        j = i + 1;
        i = u;
        u = j - 2;
      }
      auxsort(j, i);
    }
  };
  auxsort(1, table.length);
}

/** Builds the table library. */
export function openTable(globals: LuaTable): void {
  const lib = new LuaTable();
  const define = (name: string, fn: LuaFunction) => lib.set(name, fn);
  define('concat', (args) => {
    const table = checkTable(args, 0, 'concat');
    const separator = optString(args, 1, 'concat', '');
    const from = optInt(args, 2, 'concat', 1);
    const to = args[3] === undefined ? table.length : checkInt(args, 3, 'concat');
    const parts: string[] = [];
    for (let i = from; i <= to; i++) {
      const value = table.get(i);
      if (typeof value === 'string') parts.push(value);
      else if (typeof value === 'number') parts.push(numberToString(value));
      // Redis's Lua names the value's type (its ltablib.c addfield).
      else
        throw new LuaError(
          `invalid value (${luaType(value)}) at index ${i} in table for 'concat'`,
          1,
        );
    }
    return [parts.join(separator)];
  });
  define('insert', (args) => {
    const table = checkTable(args, 0, 'insert');
    const end = table.length + 1;
    if (args.length === 2) {
      table.set(end, args[1]);
    } else if (args.length === 3) {
      const at = checkInt(args, 1, 'insert');
      // A position far below #t moves up to 2^31 slots: counted as steps,
      // so the script's time limit still applies.
      for (let i = end; i > at; i--) {
        callStack.step();
        table.set(i, table.get(i - 1));
      }
      table.set(at, args[2]);
    } else {
      throw new LuaError("wrong number of arguments to 'insert'", 1);
    }
    return [];
  });
  define('remove', (args) => {
    const table = checkTable(args, 0, 'remove');
    const n = table.length;
    const at = optInt(args, 1, 'remove', n);
    // Lua 5.1 removes nothing outside 1..#t (and so from an empty table).
    if (at < 1 || at > n) return [];
    const removed = table.get(at);
    for (let i = at; i < n; i++) table.set(i, table.get(i + 1));
    table.set(n, undefined);
    return [removed];
  });
  define('sort', (args) => {
    const table = checkTable(args, 0, 'sort');
    if (args[1] !== undefined && typeof args[1] !== 'function')
      argError(
        2,
        'sort',
        `function expected, got ${typeof args[1] === 'string' ? 'string' : 'table'}`,
      );
    sort(table, args[1]);
    return [];
  });
  define('getn', (args) => [checkTable(args, 0, 'getn').length]);
  define('setn', () => {
    throw new LuaError("'setn' is obsolete", 1);
  });
  define('maxn', (args) => [checkTable(args, 0, 'maxn').maxn()]);
  define('foreachi', (args) => {
    const table = checkTable(args, 0, 'foreachi');
    const n = table.length;
    for (let i = 1; i <= n; i++) {
      const result = callFromNative(args[1], [i, table.get(i)])[0];
      if (result !== undefined) return [result];
    }
    return [];
  });
  define('foreach', (args) => {
    const table = checkTable(args, 0, 'foreach');
    for (let entry = table.next(undefined); entry !== undefined; entry = table.next(entry[0])) {
      const result = callFromNative(args[1], [entry[0], entry[1]])[0];
      if (result !== undefined) return [result];
    }
    return [];
  });
  globals.set('table', lib);
}
