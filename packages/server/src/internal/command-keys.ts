/**
 * Which arguments of a command are keys, and how it uses each: COMMAND
 * GETKEYS and GETKEYSANDFLAGS, as Redis 7.0 answers them.
 *
 * The answer comes from Redis's own key specs (redis-commands.ts), read
 * as its `getKeysUsingKeySpecs` reads them: each spec begins at an index
 * and takes a range, or as many keys as an argument says (SINTERCARD's),
 * and a spec whose range does not fit the arguments makes the whole
 * answer invalid. MIGRATE's KEYS spec is incomplete, and SET and
 * BITFIELD declare `variable_flags`: for those Redis asks
 * their own functions instead (`migrateGetKeys`, `setGetKeys`,
 * `bitfieldGetKeys`), and so does this.
 *
 * @module
 */

import { toInteger } from './args.js';
import { COMMAND_INFO } from './redis-commands.js';
import type { DocValue } from './write-command-reference.js';

/** A key argument: its position in the command (0 is the name) and its flags, in Redis's order. */
export interface KeyArgument {
  readonly position: number;
  readonly flags: readonly string[];
}

// Where a COMMAND INFO description holds its flags, its key specs and its
// subcommands' descriptions.
const INFO_FLAGS = 2;
const INFO_KEY_SPECS = 8;
const INFO_SUBCOMMANDS = 9;

interface KeySpec {
  readonly flags: { readonly $set: readonly { readonly $simple: string }[] };
  readonly begin_search: {
    readonly type: string;
    readonly spec: {
      readonly index: number;
      readonly keyword?: string;
      readonly startfrom?: number;
    };
  };
  readonly find_keys:
    | {
        readonly type: 'range';
        readonly spec: {
          readonly lastkey: number;
          readonly keystep: number;
          readonly limit: number;
        };
      }
    | {
        readonly type: 'keynum';
        readonly spec: {
          readonly keynumidx: number;
          readonly firstkey: number;
          readonly keystep: number;
        };
      };
}

// The COMMAND INFO description of `fullName` (`get`, `client|list`).
function describe(fullName: string): readonly DocValue[] | undefined {
  const bar = fullName.indexOf('|');
  const info: readonly DocValue[] | undefined =
    COMMAND_INFO[bar === -1 ? fullName : fullName.slice(0, bar)];
  if (bar === -1) return info;
  const subcommands = (info?.[INFO_SUBCOMMANDS] ?? []) as readonly (readonly DocValue[])[];
  return subcommands.find((entry) => entry[0] === fullName);
}

/** The key specs Redis declares for `fullName` (`get`, `client|list`): none for a command without keys. */
export function keySpecs(fullName: string): readonly KeySpec[] {
  const specs = describe(fullName)?.[INFO_KEY_SPECS] as
    | { readonly $set: readonly KeySpec[] }
    | undefined;
  return specs?.$set ?? [];
}

const readOnly = new Map<string, boolean>();

/**
 * Whether Redis flags `fullName` read-only (`get`, `object|encoding`: a
 * container's subcommands have their own flags). Remembered per name.
 */
export function isReadOnly(fullName: string): boolean {
  let answer = readOnly.get(fullName);
  if (answer === undefined) {
    answer = hasFlag(fullName, 'readonly');
    readOnly.set(fullName, answer);
  }
  return answer;
}

/**
 * Whether Redis gives `fullName` (`client|id`: a container's subcommands
 * have their own flags) the command flag `flag` (`noscript`, `write`).
 */
export function hasFlag(fullName: string, flag: string): boolean {
  const flags = describe(fullName)?.[INFO_FLAGS] as
    | { readonly $set: readonly { readonly $simple: string }[] }
    | undefined;
  return flags?.$set.some((item) => item.$simple === flag) ?? false;
}

/**
 * The keys of `argv` (the command's own arguments, its name first) for
 * the command `fullName`, or undefined when its key specs do not fit the
 * arguments (Redis's "Invalid arguments specified for command").
 */
export function commandKeys(fullName: string, argv: readonly string[]): KeyArgument[] | undefined {
  // SORT's specs are `unknown` past the first key: Redis asks its own
  // functions (sortGetKeys, sortROGetKeys), and so does this.
  if (fullName === 'sort' || fullName === 'sort_ro') return sortKeys(fullName, argv);
  const specs = keySpecs(fullName);
  if (specs.some((spec) => flagsOf(spec).includes('variable_flags'))) {
    return variableFlagKeys(fullName, argv);
  }
  const keys: KeyArgument[] = [];
  const argc = argv.length;
  for (const spec of specs) {
    const flags = flagsOf(spec);
    if (flags.includes('not_key')) continue;
    let first = spec.begin_search.spec.index;
    if (spec.begin_search.type === 'keyword') {
      // The keys follow a keyword (XREAD's STREAMS), searched for from
      // `startfrom` (negative: from the end, backwards), as Redis 7.0.
      const { keyword = '', startfrom = 1 } = spec.begin_search.spec;
      const from = startfrom > 0 ? startfrom : argc + startfrom;
      const to = startfrom > 0 ? argc - 1 : 0;
      first = 0;
      for (let i = from; i !== to; i = from <= to ? i + 1 : i - 1) {
        if (i >= argc || i < 1) break;
        if (argv[i]!.toLowerCase() === keyword.toLowerCase()) {
          first = i + 1;
          break;
        }
      }
      if (first === 0) continue;
    }
    let last: number;
    let keystep: number;
    if (spec.find_keys.type === 'keynum') {
      // The number of keys is an argument (SINTERCARD numkeys key...):
      // Redis's string2ll, and not negative, or the spec does not fit.
      const { keynumidx, firstkey } = spec.find_keys.spec;
      if (keynumidx >= argc) return undefined;
      const count = toInteger(argv[first + keynumidx] ?? '');
      if (count === undefined || count < 0) return undefined;
      first += firstkey;
      last = first + Number(count) - 1;
      keystep = spec.find_keys.spec.keystep;
    } else {
      const { lastkey, limit } = spec.find_keys.spec;
      keystep = spec.find_keys.spec.keystep;
      if (lastkey >= 0) last = first + lastkey;
      else if (limit === 0) last = argc + lastkey;
      else last = first + (Math.floor((argc - first) / limit) + lastkey);
    }
    // Out of bounds: the arguments do not fit, which Redis calls invalid.
    if (last >= argc || last < first || first >= argc) return undefined;
    for (let i = first; i <= last; i += keystep) keys.push({ position: i, flags });
    // A spec Redis marks incomplete that found keys: Redis drops what the
    // specs found and asks the command's own function. MIGRATE's KEYS spec
    // is 7.0's only one.
    if (flags.includes('incomplete')) return migrateKeys(argv);
  }
  return keys;
}

function flagsOf(spec: KeySpec): string[] {
  return spec.flags.$set.map((flag) => flag.$simple);
}

// setGetKeys and bitfieldGetKeys (Redis 7.0, db.c): the key is always the
// first argument; its flags follow the options.
function variableFlagKeys(fullName: string, argv: readonly string[]): KeyArgument[] {
  const writes = ['RW', 'access', 'update'];
  if (fullName === 'set') {
    const get = argv.slice(3).some((arg) => arg.toLowerCase() === 'get');
    return [{ position: 1, flags: get ? writes : ['OW', 'update'] }];
  }
  // BITFIELD: read-only while every operation is a whole GET or OVERFLOW;
  // anything else, a syntax error included, counts as a write.
  let readonly = true;
  for (let i = 2; i < argv.length; i++) {
    const remaining = argv.length - i - 1;
    const operation = argv[i]!.toLowerCase();
    if (operation === 'get' && remaining >= 2) i += 2;
    else if (operation === 'overflow' && remaining >= 1) i += 1;
    else {
      readonly = false;
      break;
    }
  }
  return [{ position: 1, flags: readonly ? ['RO', 'access'] : writes }];
}

// migrateGetKeys (Redis 7.0.15, db.c): the key argument, or after the
// first KEYS past the timeout (skipping AUTH's and AUTH2's values) every
// argument, when the key argument is empty; KEYS after a key, a syntax
// error MIGRATE reports, has no keys, which is invalid.
function migrateKeys(argv: readonly string[]): KeyArgument[] | undefined {
  const flags = ['RW', 'access', 'delete'];
  let first = 3;
  let count = 1;
  const skips: Record<string, number> = { copy: 0, replace: 0, auth: 1, auth2: 2 };
  for (let i = 6; i < argv.length; i++) {
    const option = argv[i]!.toLowerCase();
    if (option === 'keys') {
      if (argv[3] !== '') count = 0;
      else {
        first = i + 1;
        count = argv.length - first;
      }
      break;
    }
    i += skips[option] ?? 0;
  }
  if (count === 0) return undefined;
  const keys: KeyArgument[] = [];
  for (let i = first; i < first + count; i++) keys.push({ position: i, flags });
  return keys;
}

// sortGetKeys (Redis 7.0, db.c): the sorted key, and the last STORE's
// argument (SORT_RO has none). LIMIT skips two arguments, GET and BY one;
// the STORE key itself is read as an option again, as Redis reads it.
function sortKeys(fullName: string, argv: readonly string[]): KeyArgument[] {
  const keys: KeyArgument[] = [{ position: 1, flags: ['RO', 'access'] }];
  if (fullName === 'sort_ro') return keys;
  let store: KeyArgument | undefined;
  for (let i = 2; i < argv.length; i++) {
    const option = argv[i]!.toLowerCase();
    if (option === 'limit') i += 2;
    else if (option === 'get' || option === 'by') i += 1;
    else if (option === 'store' && i + 1 < argv.length)
      store = { position: i + 1, flags: ['OW', 'update'] };
  }
  if (store !== undefined) keys.push(store);
  return keys;
}
