/**
 * An ACL user, as Redis 7.0's `user`: a name, enabled or not, its
 * passwords (SHA-256 hashes, hex), `nopass`, and its selectors, the root
 * one first (selector.ts). `apply` takes the rules of ACL SETUSER and of
 * an ACL file one at a time; `describe` writes the user back as rules,
 * the form ACL LIST and ACL SAVE show (describe.ts).
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import { createHash, timingSafeEqual } from 'node:crypto';
import { splitInlineArgs } from '@mini-redis/resp';
import { AclRuleError, Selector } from './selector.js';

/** A password's SHA-256, as the 64 lower-case hex digits Redis keeps. */
export function hashPassword(password: string): string {
  return createHash('sha256').update(password, 'latin1').digest('hex');
}

function isPasswordHash(text: string): boolean {
  return /^[0-9a-f]{64}$/.test(text);
}

/** Payload sanitizing of RESTORE (Redis's flag): unset, `sanitize-payload` or `skip-sanitize-payload`. */
export type SanitizePayload = 'unset' | 'sanitize' | 'skip';

/** A user of the ACL. */
export class AclUser {
  readonly name: string;
  /** `on`: the user may authenticate. New users are `off`. */
  enabled = false;
  /** Any password authenticates the user. */
  nopass = false;
  sanitizePayload: SanitizePayload = 'unset';
  /** SHA-256 hex hashes, in the order added. */
  passwords: string[] = [];
  /** The root selector first, then those in parentheses. */
  selectors: Selector[];
  /**
   * Allowed everything (every command, key and channel in the root
   * selector): the dispatcher checks nothing more. Kept by every change.
   */
  unrestricted = false;

  /** A new user has no permissions; `allChannels` is `acl-pubsub-default`'s. */
  constructor(name: string, allChannels: boolean) {
    this.name = name;
    this.selectors = [new Selector(true, allChannels)];
  }

  get root(): Selector {
    return this.selectors[0]!;
  }

  /** Takes `other`'s rules, keeping this name (Redis's ACLCopyUser). */
  copyFrom(other: AclUser): void {
    this.enabled = other.enabled;
    this.nopass = other.nopass;
    this.sanitizePayload = other.sanitizePayload;
    this.passwords = [...other.passwords];
    this.selectors = other.selectors.map((selector) => selector.copy());
    this.#refresh();
  }

  /** A copy under another name: ACL SETUSER changes a copy, and keeps it only when every rule applied. */
  clone(name = this.name): AclUser {
    const copy = new AclUser(name, false);
    copy.copyFrom(this);
    return copy;
  }

  /**
   * Applies one rule (Redis's ACLSetUser): `on`, `off`, `nopass`,
   * `resetpass`, `>password`, `#hash`, `<password`, `!hash`, `(selector
   * rules)`, `clearselectors`, `reset`, `sanitize-payload`,
   * `skip-sanitize-payload`, or a rule of the root selector. The empty
   * rule does nothing. `allChannels` is `acl-pubsub-default`'s, for
   * `reset` and new selectors. Throws AclRuleError; a refused rule may
   * have changed nothing, so callers apply rules to a copy.
   */
  apply(op: string, allChannels: boolean): void {
    try {
      this.#apply(op, allChannels);
    } finally {
      this.#refresh();
    }
  }

  #apply(op: string, allChannels: boolean): void {
    if (op === '') return;
    const lower = op.toLowerCase();
    if (lower === 'on') this.enabled = true;
    else if (lower === 'off') this.enabled = false;
    else if (lower === 'skip-sanitize-payload') this.sanitizePayload = 'skip';
    else if (lower === 'sanitize-payload') this.sanitizePayload = 'sanitize';
    else if (lower === 'nopass') {
      this.nopass = true;
      this.passwords = [];
    } else if (lower === 'resetpass') {
      this.nopass = false;
      this.passwords = [];
    } else if (op[0] === '>' || op[0] === '#') {
      const hash = op[0] === '>' ? hashPassword(op.slice(1)) : op.slice(1);
      if (op[0] === '#' && !isPasswordHash(hash)) throw new AclRuleError('EBADMSG');
      if (!this.passwords.includes(hash)) this.passwords.push(hash);
      this.nopass = false;
    } else if (op[0] === '<' || op[0] === '!') {
      const hash = op[0] === '<' ? hashPassword(op.slice(1)) : op.slice(1);
      if (op[0] === '!' && !isPasswordHash(hash)) throw new AclRuleError('EBADMSG');
      const index = this.passwords.indexOf(hash);
      if (index === -1) throw new AclRuleError('ENODEV');
      this.passwords.splice(index, 1);
    } else if (op[0] === '(' && op[op.length - 1] === ')') {
      this.selectors.push(selectorFrom(op, allChannels));
    } else if (lower === 'clearselectors') {
      this.selectors.length = 1;
    } else if (lower === 'reset') {
      this.#apply('resetpass', allChannels);
      this.#apply('resetkeys', allChannels);
      this.#apply('resetchannels', allChannels);
      if (allChannels) this.#apply('allchannels', allChannels);
      this.enabled = false;
      this.sanitizePayload = 'sanitize';
      this.selectors.length = 1;
      this.#apply('-@all', allChannels);
    } else {
      this.root.apply(op);
    }
  }

  #refresh(): void {
    const root = this.root;
    this.unrestricted = root.allCommands && root.allKeys && root.allChannels;
  }

  /**
   * Whether `password` authenticates this user (Redis's
   * ACLCheckUserCredentials): never when it is off, always when nopass,
   * else when its hash is one of the user's, compared in constant time.
   */
  checkPassword(password: string): boolean {
    if (!this.enabled) return false;
    if (this.nopass) return true;
    const given = Buffer.from(hashPassword(password), 'latin1');
    let matched = false;
    for (const hash of this.passwords) {
      // Every hash is compared, so the time does not tell which matched.
      if (timingSafeEqual(given, Buffer.from(hash, 'latin1'))) matched = true;
    }
    return matched;
  }
}

// A selector from `(rules)`, split as sdssplitargs splits (quotes
// allowed). Unbalanced quotes split into nothing, as in Redis: an empty
// selector.
function selectorFrom(op: string, allChannels: boolean): Selector {
  const selector = new Selector(false, allChannels);
  const inner = Buffer.from(op.slice(1, -1), 'latin1');
  for (const rule of splitInlineArgs(inner) ?? []) selector.apply(rule.toString('latin1'));
  return selector;
}

/**
 * Joins the rules of one selector written over several arguments
 * (`(+get` `~k*)`), as Redis's ACLMergeSelectorArguments: an argument
 * beginning with `(` and not ending with `)` opens one, and the arguments
 * up to one ending with `)` join it, with spaces. Returns the merged
 * rules, or the index of the argument whose parenthesis is never closed.
 */
export function mergeSelectorArguments(rules: readonly string[]): string[] | { unmatched: number } {
  const merged: string[] = [];
  let open = -1;
  let selector = '';
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i]!;
    // Another opening parenthesis starts the selector over, as in Redis.
    if (rule[0] === '(' && rule[rule.length - 1] !== ')') {
      open = i;
      selector = rule;
      continue;
    }
    if (open !== -1) {
      selector += ` ${rule}`;
      if (rule[rule.length - 1] === ')') {
        open = -1;
        merged.push(selector);
      }
      continue;
    }
    merged.push(rule);
  }
  return open === -1 ? merged : { unmatched: open };
}
