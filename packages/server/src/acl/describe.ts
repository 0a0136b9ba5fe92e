/**
 * Writing a user back as ACL rules, as Redis 7.0 does for ACL LIST, ACL
 * GETUSER and ACL SAVE (ACLDescribeUser and its helpers).
 *
 * Redis keeps no record of the rules a selector was given, only its
 * command bitmap, so it describes the bitmap: `+@all` or `-@all` first
 * (whether commands added later are allowed), then, while some category
 * has more commands in common with the bitmap than not, the one with the
 * fewest differences (ties: the most in common), then single `+cmd` and
 * `-cmd` rules for what the categories leave different. The rules always
 * rebuild the same bitmap; they need not be the ones the user was given
 * (`+@all -@dangerous +flushall` reads back as `+@all -@admin -sort ...`).
 *
 * Redis walks its command table in its hash table's order, seeded at
 * random per process, so the single commands come in a different order
 * from one redis-server to the next; here they come in name order.
 *
 * @module
 */

import { type AclCommand, CATEGORIES, TOP_LEVEL } from './command-table.js';
import { KEY_ALL, KEY_READ, type KeyPattern, Selector } from './selector.js';
import type { AclUser } from './user.js';

/** A key pattern as a rule: `~p`, `%R~p` or `%W~p`. */
export function describeKeyPattern({ pattern, flags }: KeyPattern): string {
  if (flags === KEY_ALL) return `~${pattern}`;
  return `${flags === KEY_READ ? '%R~' : '%W~'}${pattern}`;
}

/** The command rules that rebuild `selector`'s command bitmap and first arguments. */
export function describeCommandRules(selector: Selector): string {
  const rules: string[] = [];
  // The selector the rules build, compared with the real one as they go.
  const fake = new Selector(false, false);
  const additive = !selector.future;
  rules.push(additive ? '-@all' : '+@all');
  fake.apply(additive ? '-@all' : '+@all');
  // What the categories chosen so far leave to match, undone in a copy.
  const remaining = new Selector(false, false);
  remaining.allowed = selector.allowed.slice();
  const applied = new Set<number>();
  for (;;) {
    let best = -1;
    let minDiff = Number.MAX_SAFE_INTEGER;
    let maxSame = 0;
    for (let index = 0; index < CATEGORIES.length; index++) {
      if (applied.has(index)) continue;
      const { on, off } = remaining.countCategory(index);
      const diff = additive ? off : on;
      const same = additive ? on : off;
      if (same > diff && (diff < minDiff || (diff === minDiff && same > maxSame))) {
        best = index;
        minDiff = diff;
        maxSame = same;
      }
    }
    if (best === -1) break;
    rules.push(`${additive ? '+' : '-'}@${CATEGORIES[best]}`);
    fake.setCategory(best, additive);
    remaining.setCategory(best, !additive);
    applied.add(best);
  }
  for (const command of TOP_LEVEL) singleCommandRules(selector, fake, command, rules);
  return rules.join(' ');
}

// Redis's ACLDescribeSelectorCommandRulesSingleCommands for one command:
// a rule for its bit where it differs (a container's rule also sets its
// subcommands in the fake), then its subcommands, then its allowed first
// arguments when it is denied.
function singleCommandRules(
  selector: Selector,
  fake: Selector,
  command: AclCommand,
  rules: string[],
): void {
  const allowed = selector.allows(command.id);
  if (allowed !== fake.allows(command.id)) {
    rules.push(`${allowed ? '+' : '-'}${command.fullName}`);
    fake.changePermission(command, allowed);
  }
  for (const sub of command.subcommands?.values() ?? [])
    singleCommandRules(selector, fake, sub, rules);
  if (!allowed) {
    for (const arg of selector.firstArgs?.get(command.id) ?? []) {
      rules.push(`+${command.fullName}|${arg}`);
    }
  }
}

/** A selector's keys, channels and commands as rules (Redis's ACLDescribeSelector). */
export function describeSelector(selector: Selector): string {
  const parts: string[] = [];
  if (selector.allKeys) parts.push('~*');
  else for (const key of selector.keyPatterns) parts.push(describeKeyPattern(key));
  if (selector.allChannels) parts.push('&*');
  else {
    parts.push('resetchannels');
    for (const channel of selector.channels) parts.push(`&${channel}`);
  }
  parts.push(describeCommandRules(selector));
  return parts.join(' ');
}

/** A user's flags, in Redis's order: on/off, nopass, the payload flag. */
export function userFlags(user: AclUser): string[] {
  const flags = [user.enabled ? 'on' : 'off'];
  if (user.nopass) flags.push('nopass');
  if (user.sanitizePayload === 'skip') flags.push('skip-sanitize-payload');
  if (user.sanitizePayload === 'sanitize') flags.push('sanitize-payload');
  return flags;
}

/** The whole user as rules, without its name (Redis's ACLDescribeUser): `on nopass ~* &* +@all`. */
export function describeUser(user: AclUser): string {
  let text = '';
  for (const flag of userFlags(user)) text += `${flag} `;
  for (const hash of user.passwords) text += `#${hash} `;
  for (const selector of user.selectors) {
    text += selector.root ? describeSelector(selector) : ` (${describeSelector(selector)})`;
  }
  return text;
}
