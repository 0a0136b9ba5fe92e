/**
 * What the server says of its commands, for routing them in a cluster:
 * where their keys are, and which go to every shard. The cluster client
 * reads `COMMAND` once and routes each command by the slot of its first
 * key, so every command the cluster knows is routed the way the server
 * itself finds its keys, modules' commands and future ones included, with
 * no table in the client to fall behind.
 *
 * Redis 7 describes keys with key specs: where the search begins (an
 * argument index, or the argument after a keyword such as `STREAMS`) and
 * how the keys run from there (a range, or a count given in an argument,
 * as EVAL's `numkeys`). They are interpreted here as Redis's
 * `getKeysUsingKeySpecs` does. Before Redis 7 (no key specs) the legacy
 * first key, last key and step are used. When neither can say (a
 * `movablekeys` command without specs, or one with a spec the server
 * marks incomplete), `firstKey` answers `ASK_SERVER`: the caller asks
 * `COMMAND GETKEYS`.
 *
 * Key specs flagged NOT_KEY (the shard channel of SPUBLISH, SSUBSCRIBE,
 * SUNSUBSCRIBE) count: they route by slot like keys.
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import type { CommandArg, Reply } from '@mini-redis/resp';
import { replyFields } from '../reply.js';

/**
 * Where a keyless command goes, from its `request_policy` tip (Redis 7):
 * `all_shards` (every master: DBSIZE, KEYS, FLUSHALL, SCRIPT FLUSH...) or
 * `all_nodes` (every node; masters here), else one master.
 */
export type RequestPolicy = 'one' | 'all_shards' | 'all_nodes';

/**
 * How the replies of a command sent to every shard make one, from its
 * `response_policy` tip; null without one (arrays are concatenated).
 */
export type ResponsePolicy =
  | 'one_succeeded'
  | 'all_succeeded'
  | 'agg_logical_and'
  | 'agg_logical_or'
  | 'agg_min'
  | 'agg_max'
  | 'agg_sum'
  | null;

const RESPONSE_POLICIES: ReadonlySet<string> = new Set([
  'one_succeeded',
  'all_succeeded',
  'agg_logical_and',
  'agg_logical_or',
  'agg_min',
  'agg_max',
  'agg_sum',
]);

/** `firstKey`'s answer when only `COMMAND GETKEYS` can tell. */
export const ASK_SERVER = Symbol('ask the server');

type BeginSearch =
  | { readonly index: number }
  | { readonly keyword: string; readonly startFrom: number }
  | null;

type FindKeys =
  | { readonly lastKey: number; readonly keyStep: number; readonly limit: number }
  | { readonly keyNumIndex: number; readonly firstKey: number; readonly keyStep: number }
  | null;

interface KeySpec {
  readonly begin: BeginSearch;
  readonly find: FindKeys;
  readonly incomplete: boolean;
}

interface CommandInfo {
  // Null before Redis 7.
  readonly specs: readonly KeySpec[] | null;
  readonly legacy: { readonly first: number; readonly last: number; readonly step: number };
  readonly movable: boolean;
  // A spec is incomplete, or of a kind this client does not know.
  readonly incomplete: boolean;
  readonly request: RequestPolicy;
  readonly response: ResponsePolicy;
  // request_policy:multi_shard: its keys may be split by slot.
  readonly multiShard: boolean;
  // Flagged readonly: a replica may serve it.
  readonly readOnly: boolean;
  // Whether `container|sub` entries exist for it.
  readonly hasSubcommands: boolean;
  // The argument that is its one key, where that is fixed (GET's 1,
  // HSET's 1); -1 for any other command.
  readonly soleKeyIndex: number;
}

// How many spellings of command names (`GET`, `get`) `#byName` keeps.
const MAX_SPELLINGS = 1024;

// The argument that is a command's one key, where that is fixed: one
// complete spec, at an index, finding one key; or, before key specs, a
// first key equal to the last. -1 otherwise.
function soleKeyIndexOf(
  specs: readonly KeySpec[] | null,
  legacy: { first: number; last: number },
  movable: boolean,
): number {
  if (specs !== null && specs.length > 0) {
    if (specs.length !== 1) return -1;
    const [spec] = specs as [KeySpec];
    if (spec.incomplete || spec.begin === null || !('index' in spec.begin)) return -1;
    return spec.find !== null && 'lastKey' in spec.find && spec.find.lastKey === 0
      ? spec.begin.index
      : -1;
  }
  return !movable && legacy.first > 0 && legacy.last === legacy.first ? legacy.first : -1;
}

function integer(reply: Reply | undefined): number {
  const value = Number(reply);
  return Number.isInteger(value) ? value : 0;
}

function keySpecOf(reply: Reply): KeySpec {
  const spec = replyFields(reply);
  const flags = spec.get('flags');
  const incomplete = Array.isArray(flags) && flags.some((flag) => String(flag) === 'incomplete');
  const bs = replyFields(spec.get('begin_search'));
  const bsSpec = replyFields(bs.get('spec'));
  let begin: BeginSearch = null;
  if (String(bs.get('type')) === 'index') begin = { index: integer(bsSpec.get('index')) };
  else if (String(bs.get('type')) === 'keyword')
    begin = {
      keyword: String(bsSpec.get('keyword')).toLowerCase(),
      startFrom: integer(bsSpec.get('startfrom')),
    };
  const fk = replyFields(spec.get('find_keys'));
  const fkSpec = replyFields(fk.get('spec'));
  let find: FindKeys = null;
  if (String(fk.get('type')) === 'range')
    find = {
      lastKey: integer(fkSpec.get('lastkey')),
      keyStep: integer(fkSpec.get('keystep')),
      limit: integer(fkSpec.get('limit')),
    };
  else if (String(fk.get('type')) === 'keynum')
    find = {
      keyNumIndex: integer(fkSpec.get('keynumidx')),
      firstKey: integer(fkSpec.get('firstkey')),
      keyStep: integer(fkSpec.get('keystep')),
    };
  return { begin, find, incomplete };
}

// An argument as text. One that is no argument at all (null, an object,
// from JavaScript) gives some text that names no command: it is routed
// anywhere, and the encoder refuses it with its TypeError before anything
// is sent.
function argText(arg: CommandArg | undefined): string {
  if (arg === undefined) return '';
  return arg instanceof Uint8Array
    ? Buffer.from(arg.buffer, arg.byteOffset, arg.byteLength).toString('latin1')
    : String(arg);
}

/** Where a command's keys are: from `first` to `last`, every `step`th argument. */
export interface KeyRange {
  readonly first: number;
  readonly last: number;
  readonly step: number;
}

/**
 * The keys `spec` finds in `args`; null when it finds none (a keyword
 * absent, a count of 0, or arguments too few: the server then reports the
 * syntax error itself).
 */
function keyRange(spec: KeySpec, args: readonly CommandArg[]): KeyRange | null {
  const argc = args.length;
  let first = 0;
  const begin = spec.begin;
  if (begin === null) return null;
  if ('index' in begin) first = begin.index;
  else {
    // From `startFrom` forwards, or from the end backwards when negative.
    const start = begin.startFrom > 0 ? begin.startFrom : argc + begin.startFrom;
    const end = begin.startFrom > 0 ? argc - 1 : 1;
    for (let i = start; i !== end; i = start <= end ? i + 1 : i - 1) {
      if (i >= argc || i < 1) break;
      if (argText(args[i]).toLowerCase() === begin.keyword) {
        first = i + 1;
        break;
      }
    }
    if (first === 0) return null;
  }
  const find = spec.find;
  if (find === null) return null;
  let last: number;
  if ('lastKey' in find) {
    if (find.lastKey >= 0) last = first + find.lastKey;
    else if (find.limit === 0) last = argc + find.lastKey;
    else last = first + (Math.floor((argc - first) / find.limit) + find.lastKey);
  } else {
    if (first + find.keyNumIndex >= argc) return null;
    const count = Number(argText(args[first + find.keyNumIndex]));
    if (!Number.isInteger(count) || count < 0) return null;
    first += find.firstKey;
    last = first + (count - 1) * find.keyStep;
  }
  if (last >= argc || last < first || first >= argc) return null;
  return { first, last, step: Math.max(find.keyStep, 1) };
}

/** The key positions of every command a server knows (see the module comment). */
export class CommandTable {
  // By lowercase name; a subcommand as `container|sub` (`xgroup|create`).
  readonly #commands = new Map<string, CommandInfo>();
  // By the name as callers spell it (`GET`), found once through
  // #commands: most commands then cost one Map lookup, no lowercasing.
  readonly #byName = new Map<string, CommandInfo>();

  /**
   * True when the server refused `COMMAND` (an ACL user without it): the
   * table then takes every command's first argument for its key. Routing
   * stays right, since a node refuses a key of a slot it does not serve
   * with MOVED, which the cluster client follows; it costs that hop, and
   * keyless commands go to one master instead of every shard.
   */
  readonly guessing: boolean;

  /** From the reply to `COMMAND` (RESP2 or RESP3); null to guess (see `guessing`). */
  constructor(reply: Reply | null) {
    this.guessing = reply === null;
    if (Array.isArray(reply)) for (const entry of reply) this.#add(entry);
  }

  #add(entry: Reply): void {
    if (!Array.isArray(entry) || entry.length < 6) return;
    const name = String(entry[0]).toLowerCase();
    const flags = Array.isArray(entry[2]) ? entry[2].map(String) : [];
    const specs = Array.isArray(entry[8]) ? entry[8].map(keySpecOf) : null;
    const tips = Array.isArray(entry[7]) ? entry[7].map(String) : [];
    let request: RequestPolicy = 'one';
    let response: ResponsePolicy = null;
    let special = false;
    let multiShard = false;
    for (const tip of tips) {
      if (tip === 'request_policy:multi_shard') multiShard = true;
      if (tip === 'request_policy:all_shards') request = 'all_shards';
      else if (tip === 'request_policy:all_nodes') request = 'all_nodes';
      const policy = tip.startsWith('response_policy:') ? tip.slice(16) : '';
      if (RESPONSE_POLICIES.has(policy)) response = policy as ResponsePolicy;
      else if (policy === 'special') special = true;
    }
    // Replies only the caller can combine (INFO's, RANDOMKEY's): one
    // master answers; `masters()` reaches the others.
    if (special) request = 'one';
    this.#commands.set(name, {
      specs,
      legacy: { first: integer(entry[3]), last: integer(entry[4]), step: integer(entry[5]) },
      movable: flags.includes('movablekeys'),
      incomplete:
        specs?.some((spec) => spec.incomplete || spec.begin === null || spec.find === null) ??
        false,
      request,
      response,
      // MSETNX is marked multi_shard too, but split it could set some keys
      // and not others, which its contract (all or none) rules out: it
      // stays whole, and the server refuses keys of several slots.
      multiShard: multiShard && specs?.length === 1 && name !== 'msetnx',
      readOnly: flags.includes('readonly'),
      hasSubcommands: Array.isArray(entry[9]) && entry[9].length > 0,
      soleKeyIndex: soleKeyIndexOf(
        specs,
        { first: integer(entry[3]), last: integer(entry[4]) },
        flags.includes('movablekeys'),
      ),
    });
    // Subcommands are named `container|sub` by the server itself.
    if (Array.isArray(entry[9])) for (const sub of entry[9]) this.#add(sub);
  }

  // The command's entry: its subcommand's, when it has one.
  #lookup(args: readonly CommandArg[]): CommandInfo | undefined {
    const first = args[0];
    let info = typeof first === 'string' ? this.#byName.get(first) : undefined;
    if (info === undefined) {
      const name = argText(first).toLowerCase();
      info = this.#commands.get(name);
      if (info === undefined) return undefined;
      if (typeof first === 'string' && this.#byName.size < MAX_SPELLINGS)
        this.#byName.set(first, info);
    }
    if (!info.hasSubcommands || args.length < 2) return info;
    const name = argText(first).toLowerCase();
    return this.#commands.get(`${name}|${argText(args[1]).toLowerCase()}`) ?? info;
  }

  /**
   * The one key of a command whose key is at a fixed place (GET, SET,
   * HGET, INCR... the measured hot path of a cluster); undefined for
   * any other command, which `firstKey` then places.
   */
  soleKey(args: readonly CommandArg[]): CommandArg | undefined {
    if (this.guessing) return args[1];
    const index = this.#lookup(args)?.soleKeyIndex ?? -1;
    return index > 0 ? args[index] : undefined;
  }

  /**
   * Where a command without keys goes, and how its replies combine (see
   * `RequestPolicy`); `{ request: 'one' }` for a command unknown.
   */
  policyOf(args: readonly CommandArg[]): {
    readonly request: RequestPolicy;
    readonly response: ResponsePolicy;
  } {
    return this.#lookup(args) ?? { request: 'one', response: null };
  }

  /**
   * For a command the server marks `request_policy:multi_shard` (MGET,
   * MSET, DEL, EXISTS, UNLINK, TOUCH: one run of keys, each key with the
   * same number of arguments), where its keys are; null for any other.
   */
  multiShardKeys(args: readonly CommandArg[]): KeyRange | null {
    const info = this.#lookup(args);
    if (info === undefined || !info.multiShard || info.incomplete) return null;
    return keyRange(info.specs![0]!, args);
  }

  /** Whether the server flags the command `readonly` (a replica may serve it). */
  isReadOnly(args: readonly CommandArg[]): boolean {
    return this.#lookup(args)?.readOnly ?? false;
  }

  /** How many commands (subcommands included) are known. */
  get size(): number {
    return this.#commands.size;
  }

  /**
   * The first key of `args` (a command and its arguments), undefined for
   * a command without keys (or one the server does not know: it answers
   * that itself), or `ASK_SERVER` when only `COMMAND GETKEYS` can tell.
   */
  firstKey(args: readonly CommandArg[]): CommandArg | undefined | typeof ASK_SERVER {
    if (this.guessing) return args[1];
    const keys = this.#lookup(args);
    if (keys === undefined) return undefined;
    if (keys.specs !== null && keys.specs.length > 0) {
      // A spec the server marks incomplete (MIGRATE's KEYS, SORT's STORE)
      // may miss keys, or name a placeholder (MIGRATE's empty key): the
      // server then finds them by the command's own code, and so must we.
      if (keys.incomplete) return ASK_SERVER;
      let best = -1;
      for (const spec of keys.specs) {
        const index = keyRange(spec, args)?.first ?? -1;
        if (index !== -1 && (best === -1 || index < best)) best = index;
      }
      return best === -1 ? undefined : args[best];
    }
    if (keys.movable) return ASK_SERVER;
    const { first, last, step } = keys.legacy;
    if (first <= 0 || first >= args.length) return undefined;
    if (step <= 0) return undefined;
    // The last key, negative from the end; checked only to reject a
    // command too short to have any (the server says why).
    const end = last < 0 ? args.length + last : last;
    return end >= first ? args[first] : undefined;
  }
}
