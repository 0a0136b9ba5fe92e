/**
 * What a command is: its name, arity and flags (Redis's),
 * and `execute`, which parses its arguments and applies itself, writing
 * its reply. One command per file under `commands/`.
 *
 * @module
 */

import type { ReplyEncoder, RequestArgs } from '@mini-redis/resp';
import type { Db } from './db.js';
import type { Keyspace } from './keyspace.js';
import type { ServerInfo } from './server-info.js';
import type { Session } from './session.js';

/**
 * What a command can reach while it runs. One object per session, updated
 * before each command (no allocation per command).
 */
export interface CommandContext {
  readonly session: Session;
  readonly db: Db;
  /** The session's selected database. */
  keyspace: Keyspace;
  readonly reply: ReplyEncoder;
  readonly server: ServerInfo;
  /** The time the command started, in milliseconds: one clock for the whole command. */
  now: number;
}

/** A command the server implements. */
export interface Command {
  /** Lower-case name. */
  readonly name: string;
  /**
   * Redis's arity: N means exactly N arguments (the name included), -N at
   * least N. Checked before `execute` runs.
   */
  readonly arity: number;
  /**
   * Redis's flags for it (`write`, `readonly`, `fast`, `no_auth`, ...);
   * dispatch reads `no_auth`. COMMAND INFO replies from Redis's own data
   * (internal/redis-commands.ts); a test keeps these declarations equal to it.
   */
  readonly flags: readonly string[];
  /** Key positions as Redis declares them: first, last (-1: the last argument), step. */
  readonly keys: readonly [number, number, number];
  /**
   * For container commands (CLIENT, CONFIG, ...): their lower-case
   * subcommands and each one's arity as Redis declares it (counting the
   * container's name; negative: at least). The dispatcher checks both
   * before authentication, as Redis does, and CLIENT LIST names the last
   * command run as `client|list`.
   */
  readonly subcommands?: ReadonlyMap<string, number>;
  /**
   * Parses `args` and applies the command, writing one reply. May throw a
   * `CommandError`, which becomes its error reply (nothing is applied).
   */
  execute(context: CommandContext, args: RequestArgs): void;
}

/** Flags shared by many commands. */
export const NO_KEYS = [0, 0, 0] as const;
export const FIRST_KEY = [1, 1, 1] as const;
