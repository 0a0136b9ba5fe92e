import { describe, expect, it } from 'vitest';
import { globMatch } from './glob.js';

describe('globMatch', () => {
  it.each([
    ['*', 'anything', true],
    ['h?llo', 'hello', true],
    ['h?llo', 'hllo', false],
    ['h*llo', 'heeeello', true],
    ['h[ae]llo', 'hallo', true],
    ['h[ae]llo', 'hillo', false],
    ['h[^e]llo', 'hallo', true],
    ['h[^e]llo', 'hello', false],
    ['h[a-b]llo', 'hbllo', true],
    ['h[b-a]llo', 'hallo', true],
    ['h\\*llo', 'h*llo', true],
    ['h\\*llo', 'hello', false],
    ['news.*', 'news.tech', true],
    ['*a*b*c', 'xaybzc', true],
    ['a*', '', false],
    ['', '', true],
    // stringmatchlen's edges, each checked against redis-server 7.0's KEYS.
    ['*', '', false],
    ['**', '', false],
    ['[a-]', ']', true],
    ['[a-]', '^', true],
    ['[a-]', 'b', false],
    ['[a', 'a', true],
    ['[^', 'x', true],
    ['[*', '*', true],
    ['[\\', '\\', true],
    ['[\\:-', '-', true],
    ['a[', 'a', false],
  ])('%j matches %j: %s', (pattern, text, expected) => {
    expect(globMatch(pattern, text)).toBe(expected);
  });
});
