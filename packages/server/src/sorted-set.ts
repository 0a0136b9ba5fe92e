/**
 * The sorted-set type: distinct binary members (Latin-1 strings holding
 * their bytes), each with a score, ordered by score and then by member.
 * The Z* commands (commands/z*.ts) read and change it; the keyspace
 * stores it as an entry's value beside the other types.
 *
 * Redis keeps a small one in a listpack and a larger one in a skip list
 * plus a dictionary; both hold the same order, so replies do not depend
 * on the encoding. This one is always a skip list (internal/skip-list.ts:
 * ranks and ranges in O(log n)) plus a map from member to node (scores in
 * O(1), ZSCAN's cursors and ZRANDMEMBER's picks by ordered-map.ts), and
 * tracks the encoding Redis 7.0 would use, which shows in three places:
 * OBJECT ENCODING; ZSCAN, which sends a listpack whole in one reply; and
 * a listpack storing -0 as 0 (its integer encoding has no negative zero).
 *
 * Redis 7.0's rule: a `listpack` while it has at most 128 members of at
 * most 64 bytes each (zset-max-listpack-entries and -value, its server's:
 * encoding-limits.ts), then a
 * `skiplist` for good, except that the commands that build a new set to
 * store (ZUNIONSTORE and its kin) hold a small result as a listpack.
 *
 * @module
 */

import type { EncodingLimits } from './encoding-limits.js';
import { OrderedMap, type ScanBatch } from './internal/ordered-map.js';
import {
  isEmptyLexRange,
  type LexRange,
  memberAboveMin,
  memberBelowMax,
  type ScoreRange,
  SkipList,
  type SkipNode,
  scoreBelowMax,
} from './internal/skip-list.js';

export type { SkipNode } from './internal/skip-list.js';

interface Slot {
  seq: number;
  node: SkipNode;
}

/** What `add` did. */
export type AddOutcome = 'added' | 'updated' | 'unchanged';

export class SortedSet {
  readonly #list = new SkipList();
  readonly #slots = new OrderedMap<Slot>();
  readonly #limits: Readonly<EncodingLimits>;
  #listpack: boolean;

  /**
   * An empty sorted set, a listpack unless `listpack` is false (ZADD
   * creates a skip list when its first member is too long for a listpack).
   */
  constructor(limits: Readonly<EncodingLimits>, listpack = true) {
    this.#limits = limits;
    this.#listpack = listpack;
  }

  /** The server's encoding limits this set converts by. */
  get limits(): Readonly<EncodingLimits> {
    return this.#limits;
  }

  get size(): number {
    return this.#list.length;
  }

  /** What OBJECT ENCODING answers for it. */
  get encoding(): 'listpack' | 'skiplist' {
    return this.#listpack ? 'listpack' : 'skiplist';
  }

  /** `member`'s score, or undefined when it is not a member. */
  score(member: string): number | undefined {
    return this.#slots.items.get(member)?.node.score;
  }

  /**
   * Adds `member` with `score`, or moves it to `score`; converts a
   * listpack to a skip list as Redis's zsetAdd does (a new member that is
   * past zset-max-listpack-entries, or longer than zset-max-listpack-value).
   * `score` is never NaN.
   */
  add(member: string, score: number): AddOutcome {
    const slot = this.#slots.items.get(member);
    if (slot !== undefined) {
      const old = slot.node;
      // -0 and 0 are the same score: Redis compares with `!=`.
      if (old.score === score) return 'unchanged';
      this.#list.delete(old.score, member);
      slot.node = this.#list.insert(this.#stored(score), member);
      return 'updated';
    }
    const limits = this.#limits;
    if (
      this.#listpack &&
      (this.#list.length + 1 > limits['zset-max-listpack-entries'] ||
        member.length > limits['zset-max-listpack-value'])
    )
      this.#listpack = false;
    const node = this.#list.insert(this.#stored(score), member);
    this.#slots.insert(member, { seq: this.#slots.nextSeq(), node });
    return 'added';
  }

  /** Removes `member`; false when it was not one. */
  delete(member: string): boolean {
    const slot = this.#slots.items.get(member);
    if (slot === undefined) return false;
    this.#list.delete(slot.node.score, member);
    this.#slots.delete(member);
    return true;
  }

  /** `member`'s 0-based rank, from the highest score when `reverse`; undefined when absent. */
  rank(member: string, reverse = false): number | undefined {
    const node = this.#slots.items.get(member)?.node;
    if (node === undefined) return undefined;
    const rank = this.#list.rank(node.score, member) - 1;
    return reverse ? this.size - 1 - rank : rank;
  }

  /** The node at 0-based `rank` from the lowest score (from the highest when `reverse`), or null. */
  at(rank: number, reverse = false): SkipNode | null {
    if (rank < 0 || rank >= this.size) return null;
    return this.#list.byRank(reverse ? this.size - rank : rank + 1);
  }

  /** The lowest node, or null when empty. */
  get first(): SkipNode | null {
    return this.#list.first;
  }

  /** The highest node, or null when empty. */
  get last(): SkipNode | null {
    return this.#list.last;
  }

  /** The first node whose score is in `range`, from the highest when `reverse`. */
  firstInScoreRange(range: ScoreRange, reverse = false): SkipNode | null {
    return reverse ? this.#list.lastInScoreRange(range) : this.#list.firstInScoreRange(range);
  }

  /**
   * The first node whose member is in `range`, from the highest when
   * `reverse`. Member ranges assume equal scores (Redis documents other
   * sets' results as unspecified); where scores differ, a listpack answers
   * as Redis's does, walking in order from the end (zzlFirstInLexRange),
   * and a skip list walks its levels, as Redis's does with its own random
   * levels (so no two servers need agree). Either way nothing is found
   * when the whole set lies outside the range, judged by its first and
   * last members alone (zzlIsInLexRange, zslIsInLexRange): that much is
   * the same on every server.
   */
  firstInLexRange(range: LexRange, reverse = false): SkipNode | null {
    if (!this.#mayHoldLexRange(range)) return null;
    if (!this.#listpack)
      return reverse ? this.#list.lastInLexRange(range) : this.#list.firstInLexRange(range);
    if (reverse) {
      for (let node: SkipNode | null = this.last; node !== null; node = node.backward)
        if (memberBelowMax(node.member, range.max))
          return memberAboveMin(node.member, range.min) ? node : null;
      return null;
    }
    for (let node: SkipNode | null = this.first; node !== null; node = node.next)
      if (memberAboveMin(node.member, range.min))
        return memberBelowMax(node.member, range.max) ? node : null;
    return null;
  }

  /**
   * Where ZREMRANGEBYLEX starts removing: as firstInLexRange for a
   * listpack, but a skip list is walked without the whole-set check
   * (Redis's zslDeleteRangeByLex has none), so where scores differ it
   * removes what Redis's would.
   */
  firstToRemoveInLexRange(range: LexRange): SkipNode | null {
    return this.#listpack ? this.firstInLexRange(range) : this.#list.firstInLexRange(range);
  }

  // Whether any member may be in `range`: the range is not empty, the last
  // member is not below min and the first not above max.
  #mayHoldLexRange(range: LexRange): boolean {
    const { first, last } = this;
    return (
      !isEmptyLexRange(range) &&
      first !== null &&
      last !== null &&
      memberAboveMin(last.member, range.min) &&
      memberBelowMax(first.member, range.max)
    );
  }

  /** How many scores are in `range` (ZCOUNT), from two rank lookups. */
  countInScoreRange(range: ScoreRange): number {
    const first = this.#list.firstInScoreRange(range);
    if (first === null) return 0;
    const last = this.#list.lastInScoreRange(range)!;
    return (
      this.#list.rank(last.score, last.member) - this.#list.rank(first.score, first.member) + 1
    );
  }

  /**
   * How many members are in `range` (ZLEXCOUNT): counted from the first
   * one on in a listpack, from two ranks in a skip list, as Redis counts
   * (the same when scores are equal, which member ranges assume). Where
   * scores differ a skip list's walks may find a first member in range
   * and no last one; then, as in Redis, the count runs to the end.
   */
  countInLexRange(range: LexRange): number {
    const first = this.firstInLexRange(range);
    if (first === null) return 0;
    if (this.#listpack) {
      let count = 0;
      for (const _ of this.whileMemberInRange(first, range)) count++;
      return count;
    }
    const last = this.#list.lastInLexRange(range);
    const end = last === null ? this.size : this.#list.rank(last.score, last.member);
    return end - this.#list.rank(first.score, first.member) + 1;
  }

  /** Every node in order, lowest score first. */
  *nodes(): Generator<SkipNode> {
    for (let node = this.#list.first; node !== null; node = node.next) yield node;
  }

  /** The nodes from `start` on while their scores stay in `range` (ascending). */
  *whileScoreInRange(start: SkipNode | null, range: ScoreRange): Generator<SkipNode> {
    for (let node = start; node !== null && scoreBelowMax(node.score, range); node = node.next)
      yield node;
  }

  /** The nodes from `start` on while their members stay in `range` (ascending). */
  *whileMemberInRange(start: SkipNode | null, range: LexRange): Generator<SkipNode> {
    for (
      let node = start;
      node !== null && memberBelowMax(node.member, range.max);
      node = node.next
    )
      yield node;
  }

  /**
   * ZSCAN over a skip list: up to `count` members from `cursor` on, and
   * the cursor to continue from (0: done); a member present for the whole
   * iteration is returned exactly once. (A listpack comes whole.)
   */
  scan(cursor: number, count: number): ScanBatch<string> {
    return this.#slots.scan(cursor, count, keepAll);
  }

  /** A uniformly chosen member, or undefined when empty. */
  randomMember(): string | undefined {
    return this.#slots.randomKey();
  }

  /**
   * Holds the set as a listpack when Redis 7.0's zsetConvertToListpackIfNeeded
   * would (within zset-max-listpack-entries and -value): what the commands
   * that store a computed set do before storing it.
   */
  fitEncoding(): void {
    const limits = this.#limits;
    if (this.#listpack || this.size > limits['zset-max-listpack-entries']) return;
    const maxValue = limits['zset-max-listpack-value'];
    for (const member of this.#slots.items.keys()) if (member.length > maxValue) return;
    this.#listpack = true;
    // A listpack has no -0 (add would leave it: -0 and 0 are one score).
    for (const node of [...this.nodes()]) {
      if (!Object.is(node.score, -0)) continue;
      this.#list.delete(node.score, node.member);
      this.#slots.items.get(node.member)!.node = this.#list.insert(0, node.member);
    }
  }

  /** Holds the set as a skip list from now on (SORT converts what it sorts, as Redis 7.0 does). */
  useSkiplist(): void {
    this.#listpack = false;
  }

  /** A copy with the same members, scores and encoding (COPY's). */
  copy(): SortedSet {
    // Built as a skip list, then given this one's encoding: a copy is
    // never converted by limits lowered since (Redis's zsetDup copies).
    const copy = new SortedSet(this.#limits, false);
    for (const node of this.nodes()) copy.add(node.member, node.score);
    copy.#listpack = this.#listpack;
    return copy;
  }

  // The score as the encoding stores it: a listpack has no -0.
  #stored(score: number): number {
    return this.#listpack && score === 0 ? 0 : score;
  }
}

function keepAll(): boolean {
  return true;
}
