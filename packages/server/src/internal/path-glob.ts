/**
 * File-name globbing as redis-server does it for a config file's
 * `include` with wildcards: the C library's `glob(pattern, 0, ...)`, whose
 * matching of each path component is `fnmatch` with `FNM_PERIOD`, in the
 * C locale's character handling (one byte, one character). Not the glob
 * of KEYS and PSUBSCRIBE (internal/glob.ts, Redis's own stringmatch),
 * which differs: `[!a]` negates here, `*` does not match a leading dot
 * here, and character classes (`[[:digit:]]`) exist here.
 *
 * Everything works on Latin-1 strings, one character per byte, so a path
 * that is not UTF-8 goes through unchanged (`latin1Path` makes the Buffer
 * that `node:fs` takes).
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import { lstatSync, readdirSync, statSync } from 'node:fs';

/** True when `pattern` has a wildcard `glob` would expand (an unmatched `[` is no wildcard). */
export function hasWildcard(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '*' || c === '?') return true;
    else if (c === '[' && pattern.indexOf(']', i + 1) !== -1) return true;
  }
  return false;
}

/**
 * The paths matching `pattern` (Latin-1: one char per byte), sorted byte
 * by byte (glob's order under the C locale; redis-server sorts by the
 * LC_COLLATE of its environment, the same for ASCII names under C and
 * C.UTF-8). As glob with no flags: every component may hold wildcards,
 * those before the last match directories only, a name starting with `.`
 * is matched only by a pattern starting with `.`, unreadable directories
 * are passed over, and a component without wildcards is taken as it is
 * (the last one only when that path exists). None when nothing matches.
 */
export function globPaths(pattern: string): string[] {
  // Absolute patterns start from "/", relative ones from the working
  // directory (an empty prefix).
  const absolute = pattern.startsWith('/');
  const components = pattern.split('/').filter((part) => part !== '');
  let paths = [absolute ? '/' : ''];
  for (let i = 0; i < components.length; i++) {
    const component = components[i]!;
    const last = i === components.length - 1;
    const next: string[] = [];
    for (const prefix of paths) {
      if (!hasWildcard(component)) {
        // glob does not look a literal directory up on the way (a later
        // component finds nothing under a missing one); the last one must exist.
        const path = prefix + withoutEscapes(component);
        if (!last || exists(path)) next.push(path);
        continue;
      }
      for (const name of entries(prefix === '' ? '.' : prefix)) {
        if (!fnmatch(component, name)) continue;
        const path = prefix + name;
        if (last || isDirectory(path)) next.push(path);
      }
    }
    paths = last ? next : next.map((path) => `${path}/`);
  }
  // A trailing slash asks for directories only, and keeps the slash.
  if (pattern.endsWith('/') && components.length > 0)
    paths = paths.filter(isDirectory).map((path) => `${path}/`);
  return paths.sort((a, b) => Buffer.compare(latin1Path(a), latin1Path(b)));
}

/** `path` (Latin-1, one char per byte) as the bytes `node:fs` takes. */
export function latin1Path(path: string): Buffer {
  return Buffer.from(path, 'latin1');
}

// A directory's names, "." and ".." included as readdir gives them to
// glob (so `.*` matches them); none when it cannot be read.
function entries(directory: string): string[] {
  try {
    const names = readdirSync(latin1Path(directory), { encoding: 'buffer' });
    return ['.', '..', ...names.map((name) => name.toString('latin1'))];
  } catch {
    return [];
  }
}

// As glob's check, a symbolic link exists even when its target does not.
function exists(path: string): boolean {
  try {
    lstatSync(latin1Path(path));
    return true;
  } catch {
    return false;
  }
}

/** Whether `path` (Latin-1) is a directory, following symbolic links; false when it cannot be read. */
export function isDirectory(path: string): boolean {
  try {
    return statSync(latin1Path(path)).isDirectory();
  } catch {
    return false;
  }
}

// A component without wildcards, its backslashes taken away (`a\*b` names a*b).
function withoutEscapes(component: string): string {
  return component.replace(/\\(.)/gs, '$1');
}

/**
 * fnmatch(pattern, name, FNM_PERIOD) for one path component, in the C
 * locale: `*`, `?`, `[...]` with `!` or `^` negating, ranges, `[:class:]`
 * and `\` escapes; a `[` with no closing `]` is an ordinary character;
 * a leading `.` of `name` must be matched by a `.` in the pattern.
 * Iterative (one remembered `*`), so no pattern can exhaust the stack.
 */
export function fnmatch(pattern: string, name: string): boolean {
  if (name.startsWith('.') && !(pattern.startsWith('.') || pattern.startsWith('\\.'))) return false;
  let p = 0;
  let n = 0;
  let starP = -1;
  let starN = -1;
  while (n < name.length) {
    const step = matchOne(pattern, p, name.charCodeAt(n));
    if (step === STAR) {
      starP = ++p;
      starN = n;
      continue;
    }
    if (step === INVALID) return false;
    if (step !== NO_MATCH) {
      p = step;
      n++;
      continue;
    }
    // Let the last `*` take one more character, and retry from there.
    if (starP === -1) return false;
    p = starP;
    n = ++starN;
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}

// What matchOne found: a `*`, no match, a pattern fnmatch rejects (an
// unknown class name), or else the pattern index after the matching item.
const STAR = -1;
const NO_MATCH = -2;
const INVALID = -3;

function matchOne(pattern: string, p: number, code: number): number {
  if (p >= pattern.length) return NO_MATCH;
  const c = pattern[p]!;
  if (c === '*') return STAR;
  if (c === '?') return p + 1;
  if (c === '\\') {
    // A trailing backslash matches nothing, as in glibc.
    if (p + 1 >= pattern.length) return INVALID;
    return pattern.charCodeAt(p + 1) === code ? p + 2 : NO_MATCH;
  }
  if (c === '[') {
    const bracket = matchBracket(pattern, p + 1, code);
    // Unclosed: the `[` is an ordinary character.
    if (bracket !== UNCLOSED) return bracket;
  }
  return pattern.charCodeAt(p) === code ? p + 1 : NO_MATCH;
}

const UNCLOSED = -4;

// The bracket expression starting at `p` (after its `[`) against `code`:
// the index after its `]`, NO_MATCH, INVALID or UNCLOSED. As glibc's: the
// first character (after a negation) is never the closing `]`.
function matchBracket(pattern: string, p: number, code: number): number {
  const negated = pattern[p] === '!' || pattern[p] === '^';
  if (negated) p++;
  let matched = false;
  let first = true;
  while (p < pattern.length) {
    let c = pattern.charCodeAt(p);
    if (c === 0x5d /* ] */ && !first) return matched !== negated ? p + 1 : NO_MATCH;
    first = false;
    if (c === 0x5b /* [ */ && pattern[p + 1] === ':') {
      const close = pattern.indexOf(':]', p + 2);
      const className = close === -1 ? '' : pattern.slice(p + 2, close);
      if (close !== -1 && /^[a-z]+$/.test(className)) {
        const test = CLASSES[className];
        if (test === undefined) return INVALID;
        if (test(code)) matched = true;
        p = close + 2;
        continue;
      }
      // Not a class name: the `[` is a member like any other.
    }
    if (c === 0x5c /* \ */) {
      if (p + 1 >= pattern.length) return INVALID;
      c = pattern.charCodeAt(++p);
    }
    p++;
    // A range, unless the `-` is last before the closing `]`.
    if (pattern[p] === '-' && p + 1 < pattern.length && pattern[p + 1] !== ']') {
      let end = pattern.charCodeAt(p + 1);
      p += 2;
      if (end === 0x5c /* \ */) {
        if (p >= pattern.length) return INVALID;
        end = pattern.charCodeAt(p++);
      }
      if (c <= code && code <= end) matched = true;
    } else if (c === code) matched = true;
  }
  return UNCLOSED;
}

// The C locale's character classes.
const CLASSES: Readonly<Record<string, (code: number) => boolean>> = {
  alnum: (c) => isAlpha(c) || isDigit(c),
  alpha: (c) => isAlpha(c),
  blank: (c) => c === 0x20 || c === 0x09,
  cntrl: (c) => c < 0x20 || c === 0x7f,
  digit: (c) => isDigit(c),
  graph: (c) => c > 0x20 && c < 0x7f,
  lower: (c) => c >= 0x61 && c <= 0x7a,
  print: (c) => c >= 0x20 && c < 0x7f,
  punct: (c) => c > 0x20 && c < 0x7f && !isAlpha(c) && !isDigit(c),
  space: (c) => c === 0x20 || (c >= 0x09 && c <= 0x0d),
  upper: (c) => c >= 0x41 && c <= 0x5a,
  xdigit: (c) => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66),
};

function isAlpha(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
