/**
 * The command table ACL rules are written against: every command of Redis
 * 7.0 (internal/acl-commands.ts), each container's subcommands included,
 * numbered as Redis's ACLGetCommandID numbers them, with the categories
 * (`@read`, `@admin`, ...) each belongs to.
 *
 * Why Redis's whole table and not only this server's commands: ACL rules
 * are configuration written for Redis (`+memory` is a valid rule there),
 * and the descriptions ACL LIST and ACL GETUSER give are chosen by
 * counting each category's commands (describe.ts), so a smaller table
 * would describe the same user differently. A command this server lacks
 * can be allowed or denied; running it still answers "unknown command".
 *
 * @module
 */

import { ACL_COMMANDS } from '../internal/acl-commands.js';

/** Redis's ACL categories, in its order (ACL CAT's, and the order describe.ts tries them in). */
export const CATEGORIES = [
  'keyspace',
  'read',
  'write',
  'set',
  'sortedset',
  'list',
  'hash',
  'string',
  'bitmap',
  'hyperloglog',
  'geo',
  'stream',
  'pubsub',
  'admin',
  'fast',
  'slow',
  'blocking',
  'dangerous',
  'connection',
  'transaction',
  'scripting',
] as const;

/** One command or subcommand of the table. */
export interface AclCommand {
  /** Its bit in a selector's command bitmap. */
  readonly id: number;
  /** `get`, or `client|list` for a subcommand. */
  readonly fullName: string;
  /** Its categories, as a bit mask over CATEGORIES' indexes. */
  readonly categories: number;
  /** Whether it runs before authentication (AUTH, HELLO): ACL never refuses it. */
  readonly noAuth: boolean;
  /** A subcommand's container. */
  readonly parent: AclCommand | null;
  /** A container's subcommands, by lower-case name (`list`). */
  readonly subcommands: ReadonlyMap<string, AclCommand> | null;
}

function categoryMask(names: string): number {
  let mask = 0;
  for (const name of names.split(' ')) {
    const index = (CATEGORIES as readonly string[]).indexOf(name.slice(1));
    if (index !== -1) mask |= 1 << index;
  }
  return mask;
}

function build(): { commands: AclCommand[]; all: AclCommand[]; byName: Map<string, AclCommand> } {
  const commands: AclCommand[] = [];
  const all: AclCommand[] = [];
  const byName = new Map<string, AclCommand>();
  for (const [name, categories, noAuth, subcommands] of ACL_COMMANDS) {
    const subs = subcommands === undefined ? null : new Map<string, AclCommand>();
    const command: AclCommand = {
      id: all.length,
      fullName: name,
      categories: categoryMask(categories),
      noAuth,
      parent: null,
      subcommands: subs,
    };
    all.push(command);
    commands.push(command);
    byName.set(name, command);
    for (const [subName, subCategories, subNoAuth] of subcommands ?? []) {
      const sub: AclCommand = {
        id: all.length,
        fullName: subName,
        categories: categoryMask(subCategories),
        noAuth: subNoAuth,
        parent: command,
        subcommands: null,
      };
      all.push(sub);
      subs!.set(subName.slice(subName.indexOf('|') + 1), sub);
    }
  }
  return { commands, all, byName };
}

const table = build();

/** The top-level commands, by name: the order ACL walks them in (Redis walks its hash table's). */
export const TOP_LEVEL: readonly AclCommand[] = table.commands;

/** How many bits a command bitmap needs: one per command and subcommand. */
export const COMMAND_COUNT = table.all.length;

/**
 * The command an ACL rule names (`get`, `config|get`), case-insensitive,
 * as Redis's ACLLookupCommand: undefined for an unknown one, a
 * subcommand of a command without any, or more than one `|`.
 */
export function lookupAclCommand(name: string): AclCommand | undefined {
  const lower = name.toLowerCase();
  const bar = lower.indexOf('|');
  if (bar === -1) return table.byName.get(lower);
  if (lower.indexOf('|', bar + 1) !== -1) return undefined;
  return table.byName.get(lower.slice(0, bar))?.subcommands?.get(lower.slice(bar + 1));
}

/** The index of category `name` (case-insensitive) in CATEGORIES, or -1. */
export function categoryIndex(name: string): number {
  return (CATEGORIES as readonly string[]).indexOf(name.toLowerCase());
}

/** Every command and subcommand in category `index`, walked as Redis's aclCatWithFlags walks them. */
export function commandsInCategory(index: number): AclCommand[] {
  const bit = 1 << index;
  const found: AclCommand[] = [];
  for (const command of TOP_LEVEL) {
    if ((command.categories & bit) !== 0) found.push(command);
    for (const sub of command.subcommands?.values() ?? []) {
      if ((sub.categories & bit) !== 0) found.push(sub);
    }
  }
  return found;
}
