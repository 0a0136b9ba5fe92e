/**
 * An ACL selector: one set of permissions of a user, as Redis 7.0's
 * `aclSelector`. Which commands it allows (a bit per command and
 * subcommand of command-table.ts, plus Redis's reserved bit for commands
 * added later, set only by `+@all`), the first arguments it allows of an
 * otherwise denied command (`+select|0`), the key patterns it allows, each
 * for reading, writing or both (`~k*`, `%R~k*`), and the Pub/Sub channel
 * patterns (`&news.*`).
 *
 * Every user has a root selector, the rules written outside parentheses,
 * and may have more (`(+get ~cache:*)`); a command is allowed when one
 * selector allows it whole (user.ts).
 *
 * @module
 */

import { globMatch } from '../internal/glob.js';
import {
  type AclCommand,
  COMMAND_COUNT,
  categoryIndex,
  lookupAclCommand,
  TOP_LEVEL,
} from './command-table.js';

/** Read permission of a key pattern (`%R~`): commands that access a key's value. */
export const KEY_READ = 1;
/** Write permission of a key pattern (`%W~`): commands that insert, update or delete. */
export const KEY_WRITE = 2;
/** Both (`~`, `%RW~`). */
export const KEY_ALL = KEY_READ | KEY_WRITE;

/** Why an ACL rule was refused: Redis's errno for it, and its text (ACLSetUserStringError). */
export type AclRuleErrorCode =
  | 'EINVAL'
  | 'ENOENT'
  | 'EEXIST'
  | 'EISDIR'
  | 'ENODEV'
  | 'EBADMSG'
  | 'ECHILD';

const RULE_ERRORS: Record<AclRuleErrorCode, string> = {
  ENOENT: 'Unknown command or category name in ACL',
  EINVAL: 'Syntax error',
  EEXIST:
    "Adding a pattern after the * pattern (or the 'allkeys' flag) is not valid and does not have any effect. Try 'resetkeys' to start with an empty list of patterns",
  EISDIR:
    "Adding a pattern after the * pattern (or the 'allchannels' flag) is not valid and does not have any effect. Try 'resetchannels' to start with an empty list of channels",
  ENODEV: 'The password you are trying to remove from the user does not exist',
  EBADMSG:
    'The password hash must be exactly 64 characters and contain only lowercase hexadecimal characters',
  ECHILD: 'Allowing first-arg of a subcommand is not supported',
};

/** An ACL rule that cannot be applied; `message` is Redis's text for it. */
export class AclRuleError extends Error {
  readonly code: AclRuleErrorCode;

  constructor(code: AclRuleErrorCode) {
    super(RULE_ERRORS[code]);
    this.name = 'AclRuleError';
    this.code = code;
  }
}

/** A key pattern and what it allows (KEY_READ, KEY_WRITE or both). */
export interface KeyPattern {
  readonly pattern: string;
  flags: number;
}

/**
 * Whether `text` holds a space or a NUL (C's isspace: space, \t \n \v \f
 * \r), which Redis refuses in user names and patterns.
 */
export function hasSpaces(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0 || code === 32 || (code >= 9 && code <= 13)) return true;
  }
  return false;
}

/** One set of command, key and channel permissions. */
export class Selector {
  /** The user's root selector (rules outside parentheses). */
  readonly root: boolean;
  allKeys = false;
  allChannels = false;
  /** `allcommands`/`+@all` and nothing removed since: no bit needs testing. */
  allCommands = false;
  /** One byte per command of command-table.ts: 1 allowed. */
  allowed: Uint8Array;
  /** Redis's reserved last bit: set by `+@all`, so commands added later are allowed too. */
  future = false;
  /** Allowed first arguments of denied commands, by command id (`+select|0`). */
  firstArgs: Map<number, string[]> | null = null;
  keyPatterns: KeyPattern[] = [];
  channels: string[] = [];

  /** `allChannels` starts as `acl-pubsub-default` says. */
  constructor(root: boolean, allChannels: boolean) {
    this.root = root;
    this.allChannels = allChannels;
    this.allowed = new Uint8Array(COMMAND_COUNT);
  }

  /** An independent copy. */
  copy(): Selector {
    const copy = new Selector(this.root, this.allChannels);
    copy.allKeys = this.allKeys;
    copy.allCommands = this.allCommands;
    copy.allowed = this.allowed.slice();
    copy.future = this.future;
    if (this.firstArgs !== null) {
      copy.firstArgs = new Map([...this.firstArgs].map(([id, args]) => [id, [...args]]));
    }
    copy.keyPatterns = this.keyPatterns.map((key) => ({ ...key }));
    copy.channels = [...this.channels];
    return copy;
  }

  /**
   * Applies one selector rule, as Redis's ACLSetSelector: `allkeys`, `~p`,
   * `%R~p`, `%W~p`, `resetkeys`, `allchannels`, `&p`, `resetchannels`,
   * `allcommands`, `nocommands`, `+cmd`, `-cmd`, `+cmd|sub`, `+cmd|firstarg`,
   * `+@category`, `-@category`. Throws AclRuleError; a refused rule leaves
   * the selector as it was.
   */
  apply(op: string): void {
    const lower = op.toLowerCase();
    if (lower === 'allkeys' || op === '~*') {
      this.allKeys = true;
      this.keyPatterns = [];
    } else if (lower === 'resetkeys') {
      this.allKeys = false;
      this.keyPatterns = [];
    } else if (lower === 'allchannels' || op === '&*') {
      this.allChannels = true;
      this.channels = [];
    } else if (lower === 'resetchannels') {
      this.allChannels = false;
      this.channels = [];
    } else if (lower === 'allcommands' || lower === '+@all') {
      this.allowed.fill(1);
      this.future = true;
      this.allCommands = true;
      this.firstArgs = null;
    } else if (lower === 'nocommands' || lower === '-@all') {
      this.allowed.fill(0);
      this.future = false;
      this.allCommands = false;
      this.firstArgs = null;
    } else if (op[0] === '~' || op[0] === '%') {
      this.#addKeyPattern(op);
    } else if (op[0] === '&') {
      if (this.allChannels) throw new AclRuleError('EISDIR');
      const pattern = op.slice(1);
      if (hasSpaces(pattern)) throw new AclRuleError('EINVAL');
      if (!this.channels.includes(pattern)) this.channels.push(pattern);
      this.allChannels = false;
    } else if (op[0] === '+' && op[1] !== '@') {
      this.#allow(op.slice(1));
    } else if (op[0] === '-' && op[1] !== '@') {
      const command = lookupAclCommand(op.slice(1));
      if (command === undefined) throw new AclRuleError('ENOENT');
      this.changePermission(command, false);
    } else if ((op[0] === '+' || op[0] === '-') && op[1] === '@') {
      const index = categoryIndex(op.slice(2));
      if (index === -1) throw new AclRuleError('ENOENT');
      this.setCategory(index, op[0] === '+');
    } else {
      throw new AclRuleError('EINVAL');
    }
  }

  // `~pattern`, or `%` with R and W (each at most once, any case) up to a `~`.
  #addKeyPattern(op: string): void {
    if (this.allKeys) throw new AclRuleError('EEXIST');
    let flags = 0;
    let offset = 1;
    if (op[0] === '%') {
      for (; offset < op.length; offset++) {
        const c = op[offset]!.toUpperCase();
        if (c === 'R' && (flags & KEY_READ) === 0) flags |= KEY_READ;
        else if (c === 'W' && (flags & KEY_WRITE) === 0) flags |= KEY_WRITE;
        else if (op[offset] === '~') {
          offset++;
          break;
        } else throw new AclRuleError('EINVAL');
      }
      // `%~p` allows nothing: Redis 7.0.15 refuses it (an earlier 7.0 crashed describing it).
      if (flags === 0) throw new AclRuleError('EINVAL');
    } else {
      flags = KEY_ALL;
    }
    const pattern = op.slice(offset);
    if (hasSpaces(pattern)) throw new AclRuleError('EINVAL');
    const existing = this.keyPatterns.find((key) => key.pattern === pattern);
    // The same pattern again widens it instead of repeating it.
    if (existing === undefined) this.keyPatterns.push({ pattern, flags });
    else existing.flags |= flags;
    this.allKeys = false;
  }

  // `+cmd`, `+container|sub`, or `+cmd|first-arg` of a command without subcommands.
  #allow(name: string): void {
    const bar = name.lastIndexOf('|');
    if (bar === -1) {
      const command = lookupAclCommand(name);
      if (command === undefined) throw new AclRuleError('ENOENT');
      this.changePermission(command, true);
      return;
    }
    const command = lookupAclCommand(name.slice(0, bar));
    if (command === undefined) throw new AclRuleError('ENOENT');
    if (command.parent !== null) throw new AclRuleError('ECHILD');
    const sub = name.slice(bar + 1);
    if (sub === '') throw new AclRuleError('EINVAL');
    if (command.subcommands !== null) {
      const subcommand = lookupAclCommand(name);
      if (subcommand === undefined) throw new AclRuleError('ENOENT');
      this.changePermission(subcommand, true);
      return;
    }
    // Redis allows a first argument of a command without subcommands
    // (SELECT 0), and warns that this use may go away.
    this.firstArgs ??= new Map();
    const allowed = this.firstArgs.get(command.id) ?? [];
    if (!allowed.some((arg) => arg.toLowerCase() === sub.toLowerCase())) allowed.push(sub);
    this.firstArgs.set(command.id, allowed);
  }

  /**
   * Allows or denies `command` and, for a container, every subcommand
   * (Redis's ACLChangeSelectorPerm); forgets its allowed first arguments.
   */
  changePermission(command: AclCommand, allow: boolean): void {
    this.#setBit(command.id, allow);
    this.firstArgs?.delete(command.id);
    for (const sub of command.subcommands?.values() ?? []) this.#setBit(sub.id, allow);
  }

  /**
   * Allows or denies every command in category `index` (Redis's
   * ACLSetSelectorCommandBitsForCategory): a container in it with all its
   * subcommands, and each subcommand in it.
   */
  setCategory(index: number, allow: boolean): void {
    const bit = 1 << index;
    for (const command of TOP_LEVEL) {
      if ((command.categories & bit) !== 0) this.changePermission(command, allow);
      for (const sub of command.subcommands?.values() ?? []) {
        if ((sub.categories & bit) !== 0) this.changePermission(sub, allow);
      }
    }
  }

  #setBit(id: number, allow: boolean): void {
    this.allowed[id] = allow ? 1 : 0;
    // Any command denied: every command must be tested again.
    if (!allow) this.allCommands = false;
  }

  /** Whether command `id` is allowed by its bit (not by a first argument). */
  allows(id: number): boolean {
    return this.allowed[id] === 1;
  }

  /** How many commands of category `index` this selector allows and denies. */
  countCategory(index: number): { on: number; off: number } {
    const bit = 1 << index;
    let on = 0;
    let off = 0;
    for (const command of TOP_LEVEL) {
      if ((command.categories & bit) !== 0) {
        if (this.allowed[command.id] === 1) on++;
        else off++;
      }
      for (const sub of command.subcommands?.values() ?? []) {
        if ((sub.categories & bit) !== 0) {
          if (this.allowed[sub.id] === 1) on++;
          else off++;
        }
      }
    }
    return { on, off };
  }

  /**
   * Whether `key` may be used as a key with the key spec `flags` of the
   * command (`access` needs read permission; `insert`, `update` and
   * `delete` need write permission), as Redis's ACLSelectorCheckKey.
   */
  allowsKey(key: string, flags: readonly string[]): boolean {
    if (this.allKeys) return true;
    let needed = 0;
    for (const flag of flags) {
      if (flag === 'access') needed |= KEY_READ;
      else if (flag === 'insert' || flag === 'delete' || flag === 'update') needed |= KEY_WRITE;
    }
    for (const { pattern, flags: allowed } of this.keyPatterns) {
      if ((allowed & needed) === needed && globMatch(pattern, key)) return true;
    }
    return false;
  }

  /**
   * Whether `channel` is allowed: matched against the channel patterns
   * as a glob, or, for PSUBSCRIBE's patterns (`literal`), equal to one.
   */
  allowsChannel(channel: string, literal: boolean): boolean {
    if (this.allChannels) return true;
    return this.channels.some((pattern) =>
      literal ? pattern === channel : globMatch(pattern, channel),
    );
  }
}
