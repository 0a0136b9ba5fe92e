// fnmatch and hasWildcard's edge cases, each as glibc's fnmatch(FNM_PERIOD)
// and glob answer it (checked against glibc when written);
// test/differential-include-glob.test.ts compares whole includes with
// redis-server.
import { describe, expect, it } from 'vitest';
import { fnmatch, hasWildcard } from './path-glob.js';

describe('fnmatch', () => {
  it('matches *, ? and literal characters, backtracking over stars', () => {
    expect(fnmatch('*.conf', 'a.conf')).toBe(true);
    expect(fnmatch('*.conf', 'a.conf.bak')).toBe(false);
    expect(fnmatch('a*b*c', 'axxbyybzzc')).toBe(true);
    expect(fnmatch('a*b*c', 'axxbyybzz')).toBe(false);
    expect(fnmatch('??', 'ab')).toBe(true);
    expect(fnmatch('??', 'abc')).toBe(false);
    expect(fnmatch('*', '')).toBe(true);
  });

  it('matches a leading dot only with a dot in the pattern', () => {
    expect(fnmatch('*', '.hidden')).toBe(false);
    expect(fnmatch('?hidden', '.hidden')).toBe(false);
    expect(fnmatch('[.]hidden', '.hidden')).toBe(false);
    expect(fnmatch('.*', '.hidden')).toBe(true);
    expect(fnmatch('\\.*', '.hidden')).toBe(true);
    expect(fnmatch('a*', 'a.b')).toBe(true);
  });

  it('reads brackets as glibc does', () => {
    expect(fnmatch('[ab]', 'b')).toBe(true);
    expect(fnmatch('[!ab]', 'b')).toBe(false);
    expect(fnmatch('[^ab]', 'c')).toBe(true);
    expect(fnmatch('[a-c]', 'b')).toBe(true);
    expect(fnmatch('[c-a]', 'b')).toBe(false);
    expect(fnmatch('[a-]', '-')).toBe(true);
    expect(fnmatch('[]a]', ']')).toBe(true);
    expect(fnmatch('[!]a]', ']')).toBe(false);
    expect(fnmatch('[\\]]', ']')).toBe(true);
    expect(fnmatch('[[:digit:]x]', '7')).toBe(true);
    expect(fnmatch('[[:digit:]x]', 'x')).toBe(true);
    expect(fnmatch('[[:digit:]x]', 'y')).toBe(false);
    // Not lower-case letters: no class, the `[` a member like `:` and `D`.
    expect(fnmatch('[[:DIGIT:]]', 'D')).toBe(false);
    expect(fnmatch('[[:DIGIT:]]', 'D]')).toBe(true);
    // An unknown class name makes the pattern match nothing.
    expect(fnmatch('[[:nope:]]', 'n')).toBe(false);
    // Unclosed: the `[` is an ordinary character.
    expect(fnmatch('a[b', 'a[b')).toBe(true);
    expect(fnmatch('a[*', 'a[bc')).toBe(true);
  });

  it('takes a backslash as an escape, and a trailing one as matching nothing', () => {
    expect(fnmatch('a\\*', 'a*')).toBe(true);
    expect(fnmatch('a\\*', 'ab')).toBe(false);
    expect(fnmatch('a\\', 'a\\')).toBe(false);
  });

  it('works byte by byte on Latin-1 names', () => {
    // "é" in UTF-8 is two bytes: two `?`.
    const name = Buffer.from('é.conf').toString('latin1');
    expect(fnmatch('?.conf', name)).toBe(false);
    expect(fnmatch('??.conf', name)).toBe(true);
  });

  it('stays linear-ish on a pattern of many stars', () => {
    const started = Date.now();
    expect(fnmatch(`${'*a'.repeat(40)}b`, 'a'.repeat(5_000))).toBe(false);
    // No timing assertion beyond finishing: the star is remembered once.
    expect(Date.now() - started).toBeLessThan(60_000);
  });
});

describe('hasWildcard', () => {
  it('finds *, ? and a closed [, not escaped ones', () => {
    expect(hasWildcard('a*')).toBe(true);
    expect(hasWildcard('a?')).toBe(true);
    expect(hasWildcard('a[b]')).toBe(true);
    expect(hasWildcard('a[b')).toBe(false);
    expect(hasWildcard('a\\*b')).toBe(false);
    expect(hasWildcard('plain')).toBe(false);
  });
});
