// The sorted set against a model (a sorted array): order, ranks, ranges
// and counts after random adds, moves and deletes; and the encoding rules.
import { describe, expect, it } from 'vitest';
import { DEFAULT_ENCODING_LIMITS } from './encoding-limits.js';
import type { LexRange, ScoreRange } from './internal/skip-list.js';
import { SortedSet } from './sorted-set.js';

type Pair = [member: string, score: number];

const byScoreThenMember = (a: Pair, b: Pair) =>
  a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

function inScores([, score]: Pair, r: ScoreRange): boolean {
  return (
    (r.minExclusive ? score > r.min : score >= r.min) &&
    (r.maxExclusive ? score < r.max : score <= r.max)
  );
}

describe('SortedSet', () => {
  it('keeps the order, ranks and ranges of a sorted array through random changes', () => {
    const set = new SortedSet(DEFAULT_ENCODING_LIMITS, false);
    const model = new Map<string, number>();
    let seed = 7;
    const random = (n: number) => {
      // Math.imul keeps the product exact (a plain product passes 2 ** 53
      // and loses its low bits, and with them most of the sequence).
      seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
      return (seed >>> 8) % n;
    };
    for (let step = 0; step < 4000; step++) {
      const member = `m${random(300)}`;
      const score = random(40) - 20;
      if (random(4) === 0) {
        expect(set.delete(member)).toBe(model.delete(member));
      } else {
        const before = model.get(member);
        const outcome = set.add(member, score);
        expect(outcome).toBe(
          before === undefined ? 'added' : before === score ? 'unchanged' : 'updated',
        );
        model.set(member, score);
      }
      if (step % 97 !== 0) continue;
      const sorted = [...model].sort(byScoreThenMember);
      expect([...set.nodes()].map((n) => [n.member, n.score])).toEqual(sorted);
      // Each node's next mirrors its bottom-level forward link.
      for (const node of set.nodes()) expect(node.next).toBe(node.forward[0]);
      expect(set.size).toBe(sorted.length);
      sorted.forEach(([m], i) => {
        expect(set.rank(m)).toBe(i);
        expect(set.rank(m, true)).toBe(sorted.length - 1 - i);
        expect(set.at(i)?.member).toBe(m);
        expect(set.at(sorted.length - 1 - i, true)?.member).toBe(m);
      });
      const range: ScoreRange = {
        min: random(30) - 15,
        max: random(30) - 10,
        minExclusive: random(2) === 0,
        maxExclusive: random(2) === 0,
      };
      const inRange = sorted.filter((p) => inScores(p, range));
      expect(set.countInScoreRange(range)).toBe(inRange.length);
      expect(set.firstInScoreRange(range)?.member).toBe(inRange[0]?.[0]);
      expect(set.firstInScoreRange(range, true)?.member).toBe(inRange.at(-1)?.[0]);
      expect(
        [...set.whileScoreInRange(set.firstInScoreRange(range), range)].map((n) => n.member),
      ).toEqual(inRange.map(([m]) => m));
    }
  });

  it('finds member ranges among equal scores, with - and + and open ends', () => {
    const set = new SortedSet(DEFAULT_ENCODING_LIMITS);
    for (const member of ['d', 'a', 'c', 'b', 'bb', 'e']) set.add(member, 0);
    const bound = (value: string, exclusive = false) => ({
      value,
      exclusive,
      infinity: 0 as const,
    });
    const minus = { value: '', exclusive: true, infinity: -1 as const };
    const plus = { value: '', exclusive: true, infinity: 1 as const };
    const members = (range: LexRange) =>
      [...set.whileMemberInRange(set.firstInLexRange(range), range)].map((n) => n.member);
    expect(members({ min: bound('b'), max: bound('c') })).toEqual(['b', 'bb', 'c']);
    expect(members({ min: bound('b', true), max: bound('c', true) })).toEqual(['bb']);
    expect(members({ min: minus, max: bound('b') })).toEqual(['a', 'b']);
    expect(members({ min: bound('c', true), max: plus })).toEqual(['d', 'e']);
    expect(members({ min: plus, max: minus })).toEqual([]);
    expect(set.countInLexRange({ min: minus, max: plus })).toBe(6);
    expect(set.firstInLexRange({ min: bound('b'), max: bound('c') }, true)?.member).toBe('c');
  });

  it('finds nothing in a member range the first and last members rule out, whatever the levels', () => {
    // Scores differ, so members are not in byte order: which nodes a skip
    // list's walk visits depends on its random levels, but a range above
    // the last member (or below the first) is empty on every server. 200
    // sets, so both orders of height between the two members occur (the
    // walk that found "2" and then no last member threw).
    const bound = (value: string) => ({ value, exclusive: false, infinity: 0 as const });
    const plus = { value: '', exclusive: true, infinity: 1 as const };
    for (let round = 0; round < 200; round++) {
      for (const listpack of [true, false]) {
        const set = new SortedSet(DEFAULT_ENCODING_LIMITS, listpack);
        set.add('2', Number.NEGATIVE_INFINITY);
        set.add('-5', 0.1);
        const range = { min: bound('1'), max: bound('b') };
        expect(set.countInLexRange(range)).toBe(0);
        expect(set.firstInLexRange(range)).toBeNull();
        expect(set.firstInLexRange(range, true)).toBeNull();
        expect(set.countInLexRange({ min: bound('3'), max: plus })).toBe(0);
      }
    }
  });

  it('is a listpack up to 128 members of up to 64 bytes, then a skiplist for good', () => {
    const set = new SortedSet(DEFAULT_ENCODING_LIMITS);
    for (let i = 0; i < 128; i++) set.add(`m${i}`, i);
    expect(set.encoding).toBe('listpack');
    set.add('m0', 5);
    expect(set.encoding).toBe('listpack');
    set.add('one more', 1);
    expect(set.encoding).toBe('skiplist');
    set.delete('one more');
    expect(set.encoding).toBe('skiplist');
    const long = new SortedSet(DEFAULT_ENCODING_LIMITS);
    long.add('x'.repeat(64), 1);
    expect(long.encoding).toBe('listpack');
    long.add('x'.repeat(65), 1);
    expect(long.encoding).toBe('skiplist');
  });

  it('stores -0 as 0 in a listpack and as -0 in a skiplist, and fits a stored result', () => {
    const small = new SortedSet(DEFAULT_ENCODING_LIMITS);
    small.add('a', -0);
    expect(Object.is(small.score('a'), 0)).toBe(true);
    const big = new SortedSet(DEFAULT_ENCODING_LIMITS, false);
    big.add('a', -0);
    expect(Object.is(big.score('a'), -0)).toBe(true);
    big.fitEncoding();
    expect(big.encoding).toBe('listpack');
    expect(Object.is(big.score('a'), 0)).toBe(true);
    const copy = big.copy();
    expect(copy.encoding).toBe('listpack');
    expect([...copy.nodes()].map((n) => n.member)).toEqual(['a']);
  });
});
