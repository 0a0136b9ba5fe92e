/**
 * Lua 5.1 patterns (lstrlib.c's matcher, ported): character classes
 * (%a %d %s %w %x %p %c %l %u %z and their complements), sets, the
 * quantifiers * + - ?, anchors, captures (with position captures), %b
 * and %f. Strings are byte strings (one char per byte), classes are the C
 * locale's.
 *
 * @module
 */

import { callStack } from '../call-stack.js';
import { LuaError } from '../value.js';

/** Lua 5.1's LUA_MAXCAPTURES. */
const MAX_CAPTURES = 32;
const CAP_UNFINISHED = -1;
const CAP_POSITION = -2;
/** How deep the matcher may recurse (lstrlib's MAXCCALLS). */
const MAX_MATCH_CALLS = 200;

/** One match's state: the subject, the pattern and the captures so far. */
export class MatchState {
  readonly src: string;
  readonly pattern: string;
  level = 0;
  readonly start: number[] = [];
  readonly len: number[] = [];
  depth = 0;

  constructor(src: string, pattern: string) {
    this.src = src;
    this.pattern = pattern;
  }

  /** Capture `i`'s value (a string, or a position as a number); `whole` is the match when there are none. */
  capture(i: number, s: number, e: number): string | number {
    if (i >= this.level) {
      if (i === 0) return this.src.slice(s, e);
      throw new LuaError('invalid capture index', 1);
    }
    const l = this.len[i]!;
    if (l === CAP_UNFINISHED) throw new LuaError('unfinished capture', 1);
    if (l === CAP_POSITION) return this.start[i]! + 1;
    return this.src.slice(this.start[i], this.start[i]! + l);
  }

  /** Every capture (or the whole match when the pattern has none). */
  captures(s: number, e: number, wholeIfNone: boolean): (string | number)[] {
    const n = this.level === 0 && wholeIfNone ? 1 : this.level;
    const out: (string | number)[] = [];
    for (let i = 0; i < n; i++) out.push(this.capture(i, s, e));
    return out;
  }
}

function classEnd(ms: MatchState, p: number): number {
  const pattern = ms.pattern;
  const c = pattern[p++];
  if (c === '%') {
    if (p >= pattern.length) throw new LuaError("malformed pattern (ends with '%')", 1);
    return p + 1;
  }
  if (c === '[') {
    if (pattern[p] === '^') p++;
    // Look for a ']' (the first char of the set may be one).
    do {
      if (p >= pattern.length) throw new LuaError("malformed pattern (missing ']')", 1);
      const d = pattern[p++];
      if (d === '%' && p < pattern.length) p++;
    } while (pattern[p] !== ']');
    return p + 1;
  }
  return p;
}

function isClass(code: number, cl: string): boolean {
  let result: boolean;
  const lower = cl.toLowerCase();
  switch (lower) {
    case 'a':
      result = (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
      break;
    case 'c':
      result = code < 32 || code === 127;
      break;
    case 'd':
      result = code >= 48 && code <= 57;
      break;
    case 'l':
      result = code >= 97 && code <= 122;
      break;
    case 'p':
      result =
        (code >= 33 && code <= 47) ||
        (code >= 58 && code <= 64) ||
        (code >= 91 && code <= 96) ||
        (code >= 123 && code <= 126);
      break;
    case 's':
      result = code === 32 || (code >= 9 && code <= 13);
      break;
    case 'u':
      result = code >= 65 && code <= 90;
      break;
    case 'w':
      result =
        (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
      break;
    case 'x':
      result =
        (code >= 48 && code <= 57) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102);
      break;
    case 'z':
      result = code === 0;
      break;
    default:
      return cl.charCodeAt(0) === code;
  }
  // An upper-case class is the complement.
  return cl === lower ? result : !result;
}

function matchBracketClass(ms: MatchState, code: number, p: number, ec: number): boolean {
  const pattern = ms.pattern;
  let sig = true;
  if (pattern[p + 1] === '^') {
    sig = false;
    p++;
  }
  while (++p < ec) {
    if (pattern[p] === '%') {
      p++;
      if (isClass(code, pattern[p]!)) return sig;
    } else if (pattern[p + 1] === '-' && p + 2 < ec) {
      p += 2;
      if (pattern.charCodeAt(p - 2) <= code && code <= pattern.charCodeAt(p)) return sig;
    } else if (pattern.charCodeAt(p) === code) {
      return sig;
    }
  }
  return !sig;
}

function singleMatch(ms: MatchState, s: number, p: number, ep: number): boolean {
  if (s >= ms.src.length) return false;
  const code = ms.src.charCodeAt(s);
  const c = ms.pattern[p];
  switch (c) {
    case '.':
      return true;
    case '%':
      return isClass(code, ms.pattern[p + 1]!);
    case '[':
      return matchBracketClass(ms, code, p, ep - 1);
    default:
      return ms.pattern.charCodeAt(p) === code;
  }
}

function matchBalance(ms: MatchState, s: number, p: number): number {
  const pattern = ms.pattern;
  if (p + 1 >= pattern.length) throw new LuaError('unbalanced pattern', 1);
  const src = ms.src;
  if (s >= src.length || src[s] !== pattern[p]) return -1;
  const open = pattern[p];
  const close = pattern[p + 1];
  let cont = 1;
  while (++s < src.length) {
    if (src[s] === close) {
      if (--cont === 0) return s + 1;
    } else if (src[s] === open) {
      cont++;
    }
  }
  return -1;
}

function maxExpand(ms: MatchState, s: number, p: number, ep: number): number {
  let i = 0;
  while (singleMatch(ms, s + i, p, ep)) i++;
  while (i >= 0) {
    const res = doMatch(ms, s + i, ep + 1);
    if (res !== -1) return res;
    i--;
  }
  return -1;
}

function minExpand(ms: MatchState, s: number, p: number, ep: number): number {
  for (;;) {
    const res = doMatch(ms, s, ep + 1);
    if (res !== -1) return res;
    if (singleMatch(ms, s, p, ep)) s++;
    else return -1;
  }
}

function startCapture(ms: MatchState, s: number, p: number, what: number): number {
  if (ms.level >= MAX_CAPTURES) throw new LuaError('too many captures', 1);
  ms.start[ms.level] = s;
  ms.len[ms.level] = what;
  ms.level++;
  const res = doMatch(ms, s, p);
  if (res === -1) ms.level--;
  return res;
}

function endCapture(ms: MatchState, s: number, p: number): number {
  let l = -1;
  for (let level = ms.level - 1; level >= 0; level--) {
    if (ms.len[level] === CAP_UNFINISHED) {
      l = level;
      break;
    }
  }
  if (l < 0) throw new LuaError('invalid pattern capture', 1);
  ms.len[l] = s - ms.start[l]!;
  const res = doMatch(ms, s, p);
  if (res === -1) ms.len[l] = CAP_UNFINISHED;
  return res;
}

function matchCapture(ms: MatchState, s: number, digit: string): number {
  const l = digit.charCodeAt(0) - 49;
  if (l < 0 || l >= ms.level || ms.len[l] === CAP_UNFINISHED)
    throw new LuaError('invalid capture index', 1);
  const length = ms.len[l]!;
  // A position capture's length is CAP_POSITION, which C compares as a
  // huge size_t: a back-reference to one never matches.
  if (length < 0) return -1;
  const text = ms.src.slice(ms.start[l], ms.start[l]! + length);
  if (ms.src.length - s >= length && ms.src.startsWith(text, s)) return s + length;
  return -1;
}

/** Matches the pattern from `p` at subject position `s`: the match's end, or -1. */
export function doMatch(ms: MatchState, s: number, p: number): number {
  if (++ms.depth > MAX_MATCH_CALLS) throw new LuaError('pattern too complex', 1);
  // Backtracking can take time far beyond the subject's length ('.-.-.-b'
  // over a long string): every attempt is a step, so the script's time
  // limit stops it (Redis's C matcher cannot be stopped at all).
  callStack.step();
  try {
    const pattern = ms.pattern;
    for (;;) {
      if (p >= pattern.length) return s;
      const c = pattern[p];
      if (c === '(') {
        if (pattern[p + 1] === ')') return startCapture(ms, s, p + 2, CAP_POSITION);
        return startCapture(ms, s, p + 1, CAP_UNFINISHED);
      }
      if (c === ')') return endCapture(ms, s, p + 1);
      if (c === '%') {
        const next = pattern[p + 1];
        if (next === 'b') {
          s = matchBalance(ms, s, p + 2);
          if (s === -1) return -1;
          p += 4;
          continue;
        }
        if (next === 'f') {
          p += 2;
          if (pattern[p] !== '[') throw new LuaError("missing '[' after '%f' in pattern", 1);
          const ep = classEnd(ms, p);
          const previous = s === 0 ? 0 : ms.src.charCodeAt(s - 1);
          const current = s < ms.src.length ? ms.src.charCodeAt(s) : 0;
          if (
            matchBracketClass(ms, previous, p, ep - 1) ||
            !matchBracketClass(ms, current, p, ep - 1)
          )
            return -1;
          p = ep;
          continue;
        }
        if (next !== undefined && next >= '0' && next <= '9') {
          s = matchCapture(ms, s, next);
          if (s === -1) return -1;
          p += 2;
          continue;
        }
      } else if (c === '$' && p + 1 === pattern.length) {
        return s === ms.src.length ? s : -1;
      }
      const ep = classEnd(ms, p);
      const m = singleMatch(ms, s, p, ep);
      switch (pattern[ep]) {
        case '?': {
          if (m) {
            const res = doMatch(ms, s + 1, ep + 1);
            if (res !== -1) return res;
          }
          p = ep + 1;
          continue;
        }
        case '*':
          return maxExpand(ms, s, p, ep);
        case '+':
          return m ? maxExpand(ms, s + 1, p, ep) : -1;
        case '-':
          return minExpand(ms, s, p, ep);
        default:
          if (!m) return -1;
          s++;
          p = ep;
      }
    }
  } finally {
    ms.depth--;
  }
}
