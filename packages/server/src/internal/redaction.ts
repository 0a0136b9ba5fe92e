/**
 * The arguments Redis hides as "(redacted)" wherever it shows a command
 * (MONITOR, SLOWLOG): secrets a command was given. Redis replaces them in
 * the command's original arguments as the command parses them
 * (redactClientCommandArgument), so only what its parse reached is hidden.
 *
 * @module
 */

import type { RequestArgs } from '@mini-redis/resp';

const NONE: ReadonlySet<number> = new Set();

// The settings CONFIG SET hides the value of (Redis's SENSITIVE_CONFIG
// ones this server has).
const SENSITIVE_SETTINGS = new Set(['requirepass']);

/**
 * The positions in `args` (a run of command `name`) shown as
 * "(redacted)": the password (and user name) of AUTH, when it has at most
 * both; ACL SETUSER's name and rules; those of HELLO's AUTH option, when HELLO's parse reaches it (its
 * version is valid and every option before it too); MIGRATE's AUTH and
 * AUTH2 values; the value of a sensitive setting in CONFIG SET.
 */
export function redactedArguments(name: string, args: RequestArgs): ReadonlySet<number> {
  if (name === 'auth') return args.length > 3 ? NONE : new Set(args.length === 3 ? [1, 2] : [1]);
  if (name === 'config') return redactedSettings(args);
  if (name === 'migrate') return redactedMigrateAuth(args);
  // ACL SETUSER: the user's name and every rule (passwords among them).
  if (name === 'acl') {
    if (args.length < 3 || args.latin1(1).toLowerCase() !== 'setuser') return NONE;
    const all = new Set<number>();
    for (let i = 2; i < args.length; i++) all.add(i);
    return all;
  }
  if (name !== 'hello' || args.length < 3) return NONE;
  const version = args.latin1(1);
  if (version !== '2' && version !== '3') return NONE;
  const redacted = new Set<number>();
  for (let i = 2; i < args.length; i++) {
    const more = args.length - 1 - i;
    const option = args.latin1(i).toLowerCase();
    if (option === 'auth' && more >= 2) {
      redacted.add(i + 1).add(i + 2);
      i += 2;
    } else if (option === 'setname' && more >= 1) {
      i += 1;
    } else {
      break;
    }
  }
  return redacted;
}

// MIGRATE's AUTH password and AUTH2 user name and password, as far as
// its parse of the options gets (KEYS, or an error, ends it).
function redactedMigrateAuth(args: RequestArgs): ReadonlySet<number> {
  const redacted = new Set<number>();
  for (let i = 6; i < args.length; i++) {
    const more = args.length - 1 - i;
    const option = args.latin1(i).toLowerCase();
    if (option === 'copy' || option === 'replace') continue;
    if (option === 'auth' && more >= 1) redacted.add(++i);
    else if (option === 'auth2' && more >= 2) redacted.add(++i).add(++i);
    else break;
  }
  return redacted;
}

// CONFIG SET's pairs whose setting is sensitive: their values.
function redactedSettings(args: RequestArgs): ReadonlySet<number> {
  if (args.length < 4 || args.latin1(1).toLowerCase() !== 'set') return NONE;
  const redacted = new Set<number>();
  for (let i = 2; i + 1 < args.length; i += 2) {
    if (SENSITIVE_SETTINGS.has(args.latin1(i).toLowerCase())) redacted.add(i + 1);
  }
  return redacted;
}
