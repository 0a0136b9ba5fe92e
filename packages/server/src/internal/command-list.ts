/**
 * The names COMMAND LIST replies with: every command this server has and,
 * as Redis 7.0 lists them, each of its subcommands by full name
 * (`client|list`), narrowed by `FILTERBY MODULE|ACLCAT|PATTERN`.
 *
 * ACL categories come from Redis's own COMMAND INFO data
 * (redis-commands.ts), so `FILTERBY ACLCAT string` names the same commands
 * Redis would among those this server has. No modules exist here, so
 * `FILTERBY MODULE` lists nothing, as Redis does for a module it has not
 * loaded.
 *
 * @module
 */

import type { Command } from '../command.js';
import { globMatch } from './glob.js';
import { COMMAND_INFO } from './redis-commands.js';
import type { DocValue } from './write-command-reference.js';

/** What `COMMAND LIST FILTERBY <type> <arg>` asks for. */
export interface CommandListFilter {
  readonly type: 'module' | 'aclcat' | 'pattern';
  readonly arg: string;
}

// Where a COMMAND INFO description holds its ACL categories and its
// subcommands' descriptions.
const INFO_CATEGORIES = 6;
const INFO_SUBCOMMANDS = 9;

/**
 * The full names of `commands` and of their subcommands that pass
 * `filter` (all of them without one), each container before its
 * subcommands.
 */
export function commandNames(
  commands: ReadonlyMap<string, Command>,
  filter?: CommandListFilter,
): string[] {
  const names: string[] = [];
  // Redis's stringmatchlen with nocase: both sides lowered.
  const pattern = filter?.type === 'pattern' ? filter.arg.toLowerCase() : undefined;
  const category = filter?.type === 'aclcat' ? `@${filter.arg.toLowerCase()}` : undefined;
  const passes = (fullName: string, info: readonly DocValue[] | undefined): boolean => {
    if (filter === undefined) return true;
    if (pattern !== undefined) return globMatch(pattern, fullName);
    if (category !== undefined) return categoriesOf(info).includes(category);
    return false;
  };
  // Listed by their own names, renamed or not, as Redis lists fullnames.
  for (const command of commands.values()) {
    const name = command.name;
    const info = COMMAND_INFO[name];
    if (passes(name, info)) names.push(name);
    if (command.subcommands === undefined) continue;
    const described = (info?.[INFO_SUBCOMMANDS] ?? []) as readonly (readonly DocValue[])[];
    for (const sub of command.subcommands.keys()) {
      const fullName = `${name}|${sub}`;
      if (
        passes(
          fullName,
          described.find((entry) => entry[0] === fullName),
        )
      )
        names.push(fullName);
    }
  }
  return names;
}

// The ACL categories of a COMMAND INFO description, as '@name' in lower case.
function categoriesOf(info: readonly DocValue[] | undefined): string[] {
  const categories = info?.[INFO_CATEGORIES] as { readonly $set: readonly DocValue[] } | undefined;
  return (categories?.$set ?? []).map((category) =>
    (category as { readonly $simple: string }).$simple.toLowerCase(),
  );
}
