/**
 * The Lua 5.1 lexer: source text (one char per byte, as every Lua string
 * here is held: see value.ts) into tokens, with the line each starts on
 * for error messages. Errors read as Lua 5.1's (`user_script:1: unfinished
 * string near '"abc'`).
 *
 * @module
 */

import { LuaError, stringToNumber } from './value.js';

/** What a token is: a name, a literal, a keyword or an operator (its text), or the end. */
export type TokenType = 'name' | 'number' | 'string' | 'eof' | string;

/** One token: its type, value (the name, number or string) and line. */
export interface Token {
  readonly type: TokenType;
  readonly value: string | number;
  readonly line: number;
  /**
   * The line the token ends on: a string can span lines. Lua's messages
   * and line info use this one (its `linenumber` once the token is read).
   */
  readonly endLine: number;
  /**
   * The token as Lua's lexer buffer holds it, for "near '...'" in syntax
   * errors: its source text, but a quoted string's escapes decoded.
   */
  readonly raw: string;
}

/**
 * How an error message shows a token's text: up to its first NUL, since
 * Lua formats it with C's "%s".
 */
export function nearText(raw: string): string {
  const nul = raw.indexOf('\0');
  return nul === -1 ? raw : raw.slice(0, nul);
}

const KEYWORDS = new Set([
  'and',
  'break',
  'do',
  'else',
  'elseif',
  'end',
  'false',
  'for',
  'function',
  'if',
  'in',
  'local',
  'nil',
  'not',
  'or',
  'repeat',
  'return',
  'then',
  'true',
  'until',
  'while',
]);

// Longest first, so '...' wins over '..' and '.'.
const SYMBOLS = [
  '...',
  '..',
  '==',
  '~=',
  '<=',
  '>=',
  '+',
  '-',
  '*',
  '/',
  '%',
  '^',
  '#',
  '<',
  '>',
  '=',
  '(',
  ')',
  '{',
  '}',
  '[',
  ']',
  ';',
  ':',
  ',',
  '.',
];

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

function isNameStart(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
}

function isNameChar(c: string): boolean {
  return isNameStart(c) || isDigit(c);
}

/**
 * The tokens of `source`, one at a time, the last one `eof` (repeated
 * after). Lazily, as Lua's lexer reads one token ahead of the parser: a
 * malformed token is an error only when the parser reaches it. With
 * `skipShebang`, a first line starting with `#!` is skipped (a Redis
 * script's flags).
 * @throws LuaError on malformed input (`chunk:line: message near 'text'`).
 */
export function* tokens(source: string, chunk: string, skipShebang = false): Generator<Token> {
  let pos = 0;
  let line = 1;
  const length = source.length;
  const fail = (message: string, near: string): never => {
    throw new LuaError(`${chunk}:${line}: ${message} near '${nearText(near)}'`);
  };
  // A script's `#!` line (Redis's shebang, read by scripts.ts) is
  // skipped, its line still counted.
  if (skipShebang && source.startsWith('#!')) {
    while (pos < length && source[pos] !== '\n' && source[pos] !== '\r') pos++;
  }
  // The length of the line break at `at` (Lua's inclinenumber: "\n",
  // "\r", "\r\n" or "\n\r" is one), or 0.
  const lineBreak = (at: number): number => {
    const c = source[at];
    if (c !== '\n' && c !== '\r') return 0;
    const d = source[at + 1];
    return (d === '\n' || d === '\r') && d !== c ? 2 : 1;
  };
  // Reads a long bracket's body, `pos` at its first '['; returns the text
  // (every line break in it as "\n"), or undefined when this is not a
  // long bracket.
  const longBracket = (what: string): string | undefined => {
    let level = 0;
    let p = pos + 1;
    while (source[p] === '=') {
      level++;
      p++;
    }
    if (source[p] !== '[') return undefined;
    pos = p + 1;
    // A line break straight after the opening bracket is skipped.
    const first = lineBreak(pos);
    if (first > 0) {
      pos += first;
      line++;
    }
    const close = `]${'='.repeat(level)}]`;
    let text = '';
    for (;;) {
      if (pos >= length) fail(`unfinished long ${what}`, '<eof>');
      const c = source[pos]!;
      if (c === ']' && source.startsWith(close, pos)) {
        pos += close.length;
        return text;
      }
      const breakLength = lineBreak(pos);
      if (breakLength > 0) {
        text += '\n';
        pos += breakLength;
        line++;
      } else {
        text += c;
        pos++;
      }
    }
  };
  while (pos < length) {
    const c = source[pos]!;
    const breakLength = lineBreak(pos);
    if (breakLength > 0) {
      line++;
      pos += breakLength;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\f' || c === '\v') {
      pos++;
      continue;
    }
    if (c === '-' && source[pos + 1] === '-') {
      pos += 2;
      if (source[pos] === '[' && longBracket('comment') !== undefined) continue;
      while (pos < length && lineBreak(pos) === 0) pos++;
      continue;
    }
    const startLine = line;
    const start = pos;
    if (isNameStart(c)) {
      while (pos < length && isNameChar(source[pos]!)) pos++;
      const word = source.slice(start, pos);
      yield {
        type: KEYWORDS.has(word) ? word : 'name',
        value: word,
        line: startLine,
        endLine: line,
        raw: word,
      };
      continue;
    }
    if (isDigit(c) || (c === '.' && isDigit(source[pos + 1] ?? ''))) {
      // Lua 5.1's read_numeral: digits and dots, then an exponent's 'e' and
      // its sign, then letters, digits and '_'; the whole is converted or
      // refused. So "0x1.8" is 0x1 then .8, and "1e1e+1" is the malformed
      // "1e1e" then +1.
      pos++;
      while (pos < length && (isDigit(source[pos]!) || source[pos] === '.')) pos++;
      if (source[pos] === 'e' || source[pos] === 'E') {
        pos++;
        if (source[pos] === '+' || source[pos] === '-') pos++;
      }
      while (pos < length && isNameChar(source[pos]!)) pos++;
      const text = source.slice(start, pos);
      const value = parseNumeral(text);
      if (value === undefined) fail('malformed number', text);
      yield { type: 'number', value: value!, line: startLine, endLine: line, raw: text };
      continue;
    }
    if (c === '"' || c === "'") {
      pos++;
      let text = '';
      for (;;) {
        if (pos >= length) fail('unfinished string', '<eof>');
        const d = source[pos]!;
        if (d === c) {
          pos++;
          break;
        }
        // Lua names a string by what its buffer holds: the opening quote
        // and the characters read so far, escapes decoded.
        if (d === '\n' || d === '\r') fail('unfinished string', c + text);
        if (d === '\\') {
          pos++;
          const e = source[pos] ?? '';
          const simple: Record<string, string> = {
            a: '\x07',
            b: '\b',
            f: '\f',
            n: '\n',
            r: '\r',
            t: '\t',
            v: '\v',
            '\\': '\\',
            '"': '"',
            "'": "'",
          };
          const escapedBreak = lineBreak(pos);
          if (escapedBreak > 0) {
            // A backslash before a line break keeps one "\n".
            text += '\n';
            line++;
            pos += escapedBreak;
          } else if (e in simple) {
            text += simple[e];
            pos++;
          } else if (isDigit(e)) {
            let digits = '';
            while (digits.length < 3 && isDigit(source[pos] ?? '')) digits += source[pos++];
            const code = Number(digits);
            if (code > 255) fail('escape sequence too large', c + text);
            text += String.fromCharCode(code);
          } else if (pos >= length) {
            fail('unfinished string', '<eof>');
          } else {
            // Lua 5.1 keeps an unknown escape's character.
            text += e;
            pos++;
          }
          continue;
        }
        text += d;
        pos++;
      }
      yield { type: 'string', value: text, line: startLine, endLine: line, raw: c + text + c };
      continue;
    }
    if (c === '[') {
      const text = longBracket('string');
      if (text !== undefined) {
        yield {
          type: 'string',
          value: text,
          line: startLine,
          endLine: line,
          raw: source.slice(start, pos),
        };
        continue;
      }
    }
    const symbol = SYMBOLS.find((s) => source.startsWith(s, pos));
    if (symbol !== undefined) {
      pos += symbol.length;
      yield { type: symbol, value: symbol, line: startLine, endLine: line, raw: symbol };
      continue;
    }
    // Any other character is a token of its own (a lone '~' too), which
    // the parser refuses where it finds it; a control character shows as
    // char(N), as luaX_token2str writes it.
    pos++;
    const code = c.charCodeAt(0);
    const raw = code < 32 || code === 127 ? `char(${code})` : c;
    yield { type: c, value: c, line: startLine, endLine: line, raw };
  }
  for (;;) yield { type: 'eof', value: '<eof>', line, endLine: line, raw: '<eof>' };
}

/** A Lua 5.1 numeral's value, or undefined when `text` is not one. */
export function parseNumeral(text: string): number | undefined {
  // Lua 5.1 converts a numeral as tonumber does (luaO_str2d); the lexer
  // never passes it spaces or a sign.
  return stringToNumber(text);
}
