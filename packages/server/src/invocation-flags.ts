/**
 * What one invocation of a command may do, as Redis 7.0's getCommandFlags
 * works it out: whether it writes, may replicate, or reads. The checks
 * that depend on it are CLIENT PAUSE WRITE (client-pause.ts), a MONITOR
 * connection's refusal of keyspace commands, and the refusal of writes
 * while RDB snapshots fail (stop-writes-on-bgsave-error, disk-errors.ts).
 *
 * Mostly this is the command's own flags, or a container's subcommand's
 * (FUNCTION LOAD writes, OBJECT ENCODING reads). Two things are not:
 * - Redis flags EVAL, EVALSHA, FCALL, PFCOUNT, PUBLISH and SPUBLISH
 *   may-replicate without COMMAND INFO listing it (measured against
 *   redis-server 7.0.15: under CLIENT PAUSE WRITE these six wait, and no
 *   other command that is not a write does).
 * - EVAL, EVALSHA, FCALL and their _RO forms take the flags of the script
 *   or function they name when it declares some (a shebang, or
 *   register_function's flags): then it writes unless it says
 *   `no-writes`, and it no longer counts as may-replicate (Redis's
 *   scriptFlagsToCmdFlags). A script without a shebang, an unknown SHA1 or
 *   function, or a shebang that does not parse leaves the command's flags.
 *
 * @module
 */

import type { RequestArgs } from '@mini-redis/resp';
import type { Command } from './command.js';
import type { Db } from './db.js';
import { hasFlag } from './internal/command-keys.js';
import { parseShebang, type ScriptFlags } from './scripts.js';

/** What an invocation may do (the flags of Redis's that checks read). */
export interface InvocationFlags {
  /** It may change the keyspace (Redis's CMD_WRITE). */
  readonly write: boolean;
  /** It may send something to replicas without being a write (CMD_MAY_REPLICATE). */
  readonly mayReplicate: boolean;
  /** It reads the keyspace (CMD_READONLY). */
  readonly readonly: boolean;
  /** It may grow the data, so it is refused while over maxmemory (CMD_DENYOOM). */
  readonly denyoom: boolean;
}

// The commands Redis 7.0 flags may-replicate without their being writes.
const MAY_REPLICATE: ReadonlySet<string> = new Set([
  'eval',
  'evalsha',
  'fcall',
  'pfcount',
  'publish',
  'spublish',
]);

// Each command's own flags, worked out once per command, and each
// container's subcommand's (`function|load`), which has flags of its own.
const ownFlags = new WeakMap<Command, InvocationFlags>();
const subcommandFlags = new Map<string, InvocationFlags>();

function flagsOf(command: Command, args: RequestArgs): InvocationFlags {
  let flags = ownFlags.get(command);
  if (flags === undefined) {
    flags = {
      write: command.flags.includes('write'),
      mayReplicate: MAY_REPLICATE.has(command.name),
      readonly: command.flags.includes('readonly'),
      denyoom: command.flags.includes('denyoom'),
    };
    ownFlags.set(command, flags);
  }
  if (command.subcommands === undefined || args.length < 2) return flags;
  const subcommand = args.latin1(1).toLowerCase();
  // An unknown subcommand is refused before anything asks.
  if (!command.subcommands.has(subcommand)) return flags;
  const fullName = `${command.name}|${subcommand}`;
  let own = subcommandFlags.get(fullName);
  if (own === undefined) {
    own = {
      write: flags.write || hasFlag(fullName, 'write'),
      mayReplicate: flags.mayReplicate,
      readonly: flags.readonly || hasFlag(fullName, 'readonly'),
      denyoom: flags.denyoom || hasFlag(fullName, 'denyoom'),
    };
    subcommandFlags.set(fullName, own);
  }
  return own;
}

/** The flags of running `command` with `args` now, in `db` (its scripts and functions). */
export function invocationFlags(command: Command, args: RequestArgs, db: Db): InvocationFlags {
  const own = flagsOf(command, args);
  const declared = declaredFlags(command.name, args, db);
  if (declared === null) return own;
  // Declared flags replace the command's, as Redis's scriptFlagsToCmdFlags:
  // no-writes implies allow-oom.
  const write = !declared.has('no-writes');
  return {
    write,
    mayReplicate: false,
    readonly: own.readonly,
    denyoom: write && !declared.has('allow-oom'),
  };
}

// The flags the script or function a scripting command names declares;
// null when it declares none (or names none, or none that is known).
function declaredFlags(name: string, args: RequestArgs, db: Db): ScriptFlags | null {
  switch (name) {
    case 'eval':
    case 'eval_ro': {
      // A cached script's flags are its body's shebang's, so the body
      // tells without a lookup, cached or not (Redis reads the shebang of
      // a script it has not seen). Most scripts have none: "#!" first.
      const body = args.buffer(1);
      if (body[0] !== 0x23 || body[1] !== 0x21) return null;
      try {
        return parseShebang(args.latin1(1));
      } catch {
        return null;
      }
    }
    case 'evalsha':
    case 'evalsha_ro':
      if (args.byteLength(1) !== 40) return null;
      return db.scripts.get(args.latin1(1))?.flags ?? null;
    case 'fcall':
    case 'fcall_ro':
      return db.functions.get(args.latin1(1))?.flags ?? null;
    default:
      return null;
  }
}
