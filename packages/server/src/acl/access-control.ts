/**
 * The server's ACL, as Redis 7.0's acl.c: its users (the `default` one
 * always), who may authenticate, whether a user may run a command with
 * its keys and channels, the ACL log, and the ACL file.
 *
 * The dispatcher asks `check` before each command of a restricted user
 * (a user allowed every command, key and channel is never checked: the
 * default user, unless rules narrowed it), EXEC asks again for each
 * queued command, and scripts for each redis.call.
 *
 * @module
 */

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { RequestArgs } from '@mini-redis/resp';
import { pathBytes, textOf } from '../internal/byte-strings.js';
import { commandKeys, type KeyArgument } from '../internal/command-keys.js';
import { strerror } from '../internal/fs-errors.js';
import { replaceFile } from '../internal/replace-file.js';
import { lookupAclCommand } from './command-table.js';
import { describeUser } from './describe.js';
import { AclLog } from './log.js';
import { AclRuleError, hasSpaces, KEY_READ, type Selector } from './selector.js';
import { AclUser, mergeSelectorArguments } from './user.js';

/** Why ACL refused a command, and the argument it refused (a key's or channel's position). */
export interface AclDenied {
  readonly reason: 'command' | 'key' | 'channel';
  readonly position: number;
}

// Redis's ranking of refusals when no selector allows a command: a
// channel beats a key beats the command itself (ACL_DENIED_*'s values).
const RANK = { command: 1, key: 2, channel: 4 } as const;

/** The `acl-pubsub-default` setting: the channels a new user or selector starts with. */
export type PubsubDefault = 'resetchannels' | 'allchannels';

/** The users, and the checks made with them. */
export class AccessControl {
  /** The `default` user: connections start as it. Never removed, only changed. */
  readonly defaultUser: AclUser;
  /** ACL LOG's entries. */
  readonly log = new AclLog();
  /** `acl-pubsub-default`: whether new users and selectors allow every channel. */
  allChannelsDefault = false;
  #users = new Map<string, AclUser>();

  /** `requirepass` ('' for none) sets the default user's password, as Redis's does. */
  constructor(requirepass: string) {
    const user = new AclUser('default', false);
    for (const rule of ['+@all', '~*', '&*', 'on', 'nopass']) user.apply(rule, false);
    this.defaultUser = user;
    this.#users.set('default', user);
    this.setDefaultPassword(requirepass);
  }

  /**
   * `requirepass` changed: the default user's only password becomes it,
   * or none at all (nopass) when it is empty (Redis's
   * ACLUpdateDefaultUserPassword).
   */
  setDefaultPassword(requirepass: string): void {
    const user = this.defaultUser;
    user.apply('resetpass', false);
    user.apply(requirepass === '' ? 'nopass' : `>${requirepass}`, false);
  }

  /**
   * Whether a connection that has not authenticated must (Redis's
   * authRequired): when the default user has a password or is off.
   */
  authRequired(): boolean {
    const user = this.defaultUser;
    return !user.nopass || !user.enabled;
  }

  /** Whether a new connection starts authenticated: the default user needs no password and is on. */
  authenticatedAtStart(): boolean {
    return !this.authRequired();
  }

  user(name: string): AclUser | undefined {
    return this.#users.get(name);
  }

  /** Every user, in name order (Redis's radix tree's: bytes compared). */
  users(): AclUser[] {
    return [...this.#users.values()].sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
  }

  /** The user `name` authenticates as with `password`, or undefined (unknown, off, or wrong password). */
  authenticate(name: string, password: string): AclUser | undefined {
    const user = this.#users.get(name);
    return user?.checkPassword(password) === true ? user : undefined;
  }

  /**
   * Applies ACL SETUSER's rules to user `name`, creating it when new: all
   * of them or, at the first refused one, none. Returns the user and its
   * rules before the change (undefined for a new user), so the caller can
   * disconnect subscribers whose channels were taken away. Throws
   * AclSetUserError.
   */
  setUser(name: string, rules: readonly string[]): { user: AclUser; before: AclUser | undefined } {
    if (hasSpaces(name))
      throw new AclSetUserError("Usernames can't contain spaces or null characters");
    const merged = mergeSelectorArguments(rules);
    if (!Array.isArray(merged)) {
      throw new AclSetUserError(
        `Unmatched parenthesis in acl selector starting at '${rules[merged.unmatched]}'.`,
      );
    }
    const existing = this.#users.get(name);
    const staged = existing?.clone() ?? new AclUser(name, this.allChannelsDefault);
    for (const rule of merged) {
      try {
        staged.apply(rule, this.allChannelsDefault);
      } catch (error) {
        if (!(error instanceof AclRuleError)) throw error;
        throw new AclSetUserError(`Error in ACL SETUSER modifier '${rule}': ${error.message}`);
      }
    }
    const before = existing?.clone();
    if (existing === undefined) {
      this.#users.set(name, staged);
      return { user: staged, before };
    }
    existing.copyFrom(staged);
    return { user: existing, before };
  }

  /** Removes users (never `default`); returns those that existed. */
  deleteUsers(names: readonly string[]): AclUser[] {
    const deleted: AclUser[] = [];
    for (const name of names) {
      const user = this.#users.get(name);
      if (user === undefined || user === this.defaultUser) continue;
      this.#users.delete(name);
      deleted.push(user);
    }
    return deleted;
  }

  /**
   * Whether `user` may run the command `fullName` (`get`, `config|get`)
   * with `args` (its name first): undefined when it may, else why not.
   * One selector must allow the command, every key it names with the
   * access its key specs declare, and every channel. When none does,
   * the reason is Redis's pick: the highest-ranked refusal, the last
   * argument for a tie.
   */
  check(user: AclUser, fullName: string, args: RequestArgs): AclDenied | undefined {
    if (user.unrestricted) return undefined;
    const request: CheckedRequest = { fullName, args, keys: null };
    let worst: AclDenied = { reason: 'command', position: 0 };
    // As Redis's local_idxptr: a command refusal keeps the previous position.
    let position = 0;
    for (const selector of user.selectors) {
      const denied = selectorDenial(selector, request);
      if (denied === undefined) return undefined;
      if (denied.reason !== 'command') position = denied.position;
      if (
        RANK[denied.reason] > RANK[worst.reason] ||
        (RANK[denied.reason] === RANK[worst.reason] && position > worst.position)
      ) {
        worst = { reason: denied.reason, position };
      }
    }
    return worst;
  }

  /**
   * Whether one of `user`'s selectors allows the command and every key
   * for reading (`allkeys`, or a `*` pattern that reads), as Redis's
   * ACLUserCheckCmdWithUnrestrictedKeyAccess: SORT's BY and GET name
   * keys no key spec shows, so they need it.
   */
  hasUnrestrictedReadAccess(user: AclUser, fullName: string, args: RequestArgs): boolean {
    if (user.unrestricted) return true;
    const request: CheckedRequest = { fullName, args, keys: null };
    return user.selectors.some(
      (selector) =>
        selectorDenial(selector, request) === undefined &&
        (selector.allKeys ||
          selector.keyPatterns.some(
            (key) => key.pattern === '*' && (key.flags & KEY_READ) === KEY_READ,
          )),
    );
  }

  /**
   * Whether `user` may use channel `name` (`literal` for a pattern, which
   * must equal an allowed one), in any selector.
   */
  allowsChannel(user: AclUser, name: string, literal: boolean): boolean {
    return user.selectors.some((selector) => selector.allowsChannel(name, literal));
  }

  /**
   * The ACL file's users in place of the current ones (ACL LOAD, and
   * start-up): every line `user <name> <rules...>` or blank. Any error
   * and nothing changes: the errors are returned, as Redis words them.
   * On success the default user keeps its object (connections hold it)
   * and takes the file's rules, or the initial ones when the file has
   * none for it; returns the users replaced, whose connections Redis
   * closes. A relative `path` is read in `directory` (the server's
   * `dir`, where redis-server runs); messages name it as given.
   */
  load(path: string, directory: string): { errors: string } | { replaced: AclUser[] } {
    let text: string;
    try {
      text = readFileSync(pathBytes(resolve(directory, path)), 'latin1');
    } catch (error) {
      return {
        errors: `Error loading ACLs, opening file '${textOf(path)}': ${strerror(error)}`,
      };
    }
    const users = new Map<string, AclUser>();
    let errors = '';
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
      if (line === '') continue;
      const lineNumber = i + 1;
      // Split on single spaces, as Redis's sdssplitlen: two spaces make an
      // empty rule, which does nothing.
      const words = line.split(' ');
      if (words[0] !== 'user' || words.length < 2) {
        errors += `${path}:${lineNumber} should start with user keyword followed by the username. `;
        continue;
      }
      const name = words[1]!;
      if (hasSpaces(name)) {
        errors += `'${path}:${lineNumber}: username '${name}' contains invalid characters. `;
        continue;
      }
      if (users.has(name)) {
        errors += `WARNING: Duplicate user '${name}' found on line ${lineNumber}. `;
        continue;
      }
      const user = new AclUser(name, this.allChannelsDefault);
      users.set(name, user);
      const merged = mergeSelectorArguments(words.slice(2));
      if (!Array.isArray(merged)) {
        errors += `${path}:${lineNumber}: Unmatched parenthesis in selector definition.`;
        continue;
      }
      for (const rule of merged) {
        try {
          user.apply(rule.replace(/^[\t\r\n]+|[\t\r\n]+$/g, ''), this.allChannelsDefault);
        } catch (error) {
          if (!(error instanceof AclRuleError)) throw error;
          // An unknown command or category is named; other rules may hold
          // a password, so they are not (Redis 7.0.15).
          errors +=
            error.code === 'ENOENT'
              ? `${path}:${lineNumber}: Error in applying operation '${rule}': ${error.message}. `
              : `${path}:${lineNumber}: ${error.message}. `;
        }
      }
    }
    if (errors !== '') {
      return {
        errors: `${errors}WARNING: ACL errors detected, no change to the previously active ACL rules was performed`,
      };
    }
    const replaced = [...this.#users.values()].filter((user) => user !== this.defaultUser);
    const fileDefault = users.get('default');
    if (fileDefault === undefined) {
      const fresh = new AclUser('default', false);
      for (const rule of ['+@all', '~*', '&*', 'on', 'nopass']) fresh.apply(rule, false);
      this.defaultUser.copyFrom(fresh);
    } else {
      this.defaultUser.copyFrom(fileDefault);
    }
    users.set('default', this.defaultUser);
    this.#users = users;
    return { replaced };
  }

  /**
   * Writes every user to `path` as `user <name> <rules>` lines (ACL
   * SAVE): to a temporary file first, renamed over it, so a failure
   * leaves the old file whole. Throws the file system's error. A
   * relative `path` is in `directory`, as for `load`.
   */
  save(path: string, directory: string): void {
    let text = '';
    for (const user of this.users()) text += `user ${user.name} ${describeUser(user)}\n`;
    replaceFile(resolve(directory, path), text);
  }
}

/** ACL SETUSER refused its arguments; `message` is Redis's error text without `ERR `. */
export class AclSetUserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AclSetUserError';
  }
}

// A command being checked, its keys found once for all the selectors.
interface CheckedRequest {
  readonly fullName: string;
  readonly args: RequestArgs;
  keys: KeyArgument[] | null;
}

// Why one selector refuses a command (Redis's ACLSelectorCheckCmd): the
// command itself (unless a first argument it allows), a key, or a channel.
function selectorDenial(selector: Selector, request: CheckedRequest): AclDenied | undefined {
  const { fullName, args } = request;
  const command = lookupAclCommand(fullName);
  // A command Redis 7.0 lacks (CLIENT SETINFO, from 7.2) is one of its
  // "future commands": allowed only by `+@all`, as a module's would be.
  if (command === undefined)
    return selector.future ? undefined : { reason: 'command', position: 0 };
  if (!selector.allCommands && !command.noAuth && !selector.allows(command.id)) {
    // A first argument the selector allows (`+select|0`) lets it through.
    const firstArg = command.parent === null ? 1 : 2;
    const allowed = selector.firstArgs?.get(command.id);
    if (
      args.length <= firstArg ||
      allowed === undefined ||
      !allowed.some((arg) => arg.toLowerCase() === args.latin1(firstArg).toLowerCase())
    ) {
      return { reason: 'command', position: 0 };
    }
  }
  if (!selector.allKeys) {
    request.keys ??= commandKeys(fullName, argumentStrings(args)) ?? [];
    for (const key of request.keys) {
      if (!selector.allowsKey(args.latin1(key.position), key.flags))
        return { reason: 'key', position: key.position };
    }
  }
  if (!selector.allChannels) {
    const channels = channelArguments(fullName, args.length);
    if (channels !== null) {
      for (let i = channels.first; i <= channels.last; i++) {
        if (!selector.allowsChannel(args.latin1(i), channels.literal))
          return { reason: 'channel', position: i };
      }
    }
  }
  return undefined;
}

// The arguments of a command as strings, for its key specs.
function argumentStrings(args: RequestArgs): string[] {
  const strings: string[] = [];
  for (let i = 0; i < args.length; i++) strings.push(args.latin1(i));
  return strings;
}

// Which arguments of a command are channels (Redis's
// ACLDoesCommandHaveChannels): PUBLISH's and SPUBLISH's first, every one
// of SUBSCRIBE's and SSUBSCRIBE's, and PSUBSCRIBE's patterns, compared
// literally. The unsubscribing commands name none.
function channelArguments(
  fullName: string,
  count: number,
): { first: number; last: number; literal: boolean } | null {
  switch (fullName) {
    case 'publish':
    case 'spublish':
      return { first: 1, last: 1, literal: false };
    case 'subscribe':
    case 'ssubscribe':
      return { first: 1, last: count - 1, literal: false };
    case 'psubscribe':
      return { first: 1, last: count - 1, literal: true };
    default:
      return null;
  }
}
