/**
 * The ordered half of a sorted set: Redis's `zskiplist` (t_zset.c, after
 * William Pugh's skip lists), members ordered by score, then by their
 * bytes. Each level's forward link carries a span (how many nodes it
 * skips), so a member's rank and the member at a rank are found in
 * O(log n), as ZRANK and ZRANGE need; nodes link backward at the bottom
 * level, for the REV ranges.
 *
 * The sorted set (sorted-set.ts) owns one, beside a map from member to
 * node; this file knows nothing of encodings or commands.
 *
 * Members are Latin-1 strings holding their bytes, so JavaScript's `<`
 * compares them as Redis's memcmp does (a prefix first).
 *
 * @module
 */

/** Redis's ZSKIPLIST_MAXLEVEL: enough for 2^64 elements at P = 1/4. */
const MAX_LEVEL = 32;
/** Redis's ZSKIPLIST_P: a node reaches the next level one time in four. */
const LEVEL_UP = 0.25;

/** One member in the list. */
export class SkipNode {
  readonly member: string;
  readonly score: number;
  /** The previous node at the bottom level (null for the first). */
  backward: SkipNode | null = null;
  /**
   * The next node at the bottom level (null for the last): forward[0],
   * kept in a field of its own because range walks (ZRANGEBYSCORE, a
   * GEOSEARCH over many points) follow it node after node, and reading
   * it through the array cost a second memory access per node (a walk
   * of 200,000 nodes took 82 ms that way, measured when this was added).
   * SkipList.insert and delete keep the two equal.
   */
  next: SkipNode | null = null;
  readonly forward: (SkipNode | null)[];
  // span[i]: how many bottom-level steps forward[i] jumps.
  readonly span: number[];

  constructor(member: string, score: number, level: number) {
    this.member = member;
    this.score = score;
    this.forward = new Array<SkipNode | null>(level).fill(null);
    this.span = new Array<number>(level).fill(0);
  }
}

/** A score interval; an exclusive end leaves its value out (`(1.5`). */
export interface ScoreRange {
  readonly min: number;
  readonly max: number;
  readonly minExclusive: boolean;
  readonly maxExclusive: boolean;
}

/**
 * One end of a member interval (ZRANGEBYLEX's `[a`, `(a`, `-`, `+`):
 * `infinity` -1 is below every member, 1 above every member, 0 a member
 * bound given by `value` and `exclusive`.
 */
export interface LexBound {
  readonly value: string;
  readonly exclusive: boolean;
  readonly infinity: -1 | 0 | 1;
}

/** A member interval. */
export interface LexRange {
  readonly min: LexBound;
  readonly max: LexBound;
}

/** Whether `score` is at or above the range's lower end. */
export function scoreAboveMin(score: number, range: ScoreRange): boolean {
  return range.minExclusive ? score > range.min : score >= range.min;
}

/** Whether `score` is at or below the range's upper end. */
export function scoreBelowMax(score: number, range: ScoreRange): boolean {
  return range.maxExclusive ? score < range.max : score <= range.max;
}

/** Whether `member` is at or above the lower end. */
export function memberAboveMin(member: string, min: LexBound): boolean {
  if (min.infinity !== 0) return min.infinity < 0;
  return min.exclusive ? member > min.value : member >= min.value;
}

/** Whether `member` is at or below the upper end. */
export function memberBelowMax(member: string, max: LexBound): boolean {
  if (max.infinity !== 0) return max.infinity > 0;
  return max.exclusive ? member < max.value : member <= max.value;
}

// -1, 0 or 1 as a lex bound sorts before, with or after another (Redis's
// sdscmplex: `-` below and `+` above every member).
function compareBounds(a: LexBound, b: LexBound): number {
  if (a.infinity !== 0 || b.infinity !== 0) return Math.sign(a.infinity - b.infinity);
  return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
}

/** Whether no score can be in the range (min above max, or equal with an open end). */
export function isEmptyScoreRange(range: ScoreRange): boolean {
  return (
    range.min > range.max || (range.min === range.max && (range.minExclusive || range.maxExclusive))
  );
}

/** Whether no member can be in the range. */
export function isEmptyLexRange(range: LexRange): boolean {
  const order = compareBounds(range.min, range.max);
  return order > 0 || (order === 0 && (range.min.exclusive || range.max.exclusive));
}

// (score, member) orders before the node's.
function precedes(node: SkipNode, score: number, member: string): boolean {
  return node.score < score || (node.score === score && node.member < member);
}

export class SkipList {
  readonly #header = new SkipNode('', 0, MAX_LEVEL);
  #tail: SkipNode | null = null;
  #level = 1;
  #length = 0;

  get length(): number {
    return this.#length;
  }

  /** The lowest node, or null when empty. */
  get first(): SkipNode | null {
    return this.#header.forward[0]!;
  }

  /** The highest node, or null when empty. */
  get last(): SkipNode | null {
    return this.#tail;
  }

  /** Inserts a member that is not in the list; returns its node. */
  insert(score: number, member: string): SkipNode {
    const update = new Array<SkipNode>(MAX_LEVEL);
    const rank = new Array<number>(MAX_LEVEL);
    let x = this.#header;
    for (let i = this.#level - 1; i >= 0; i--) {
      rank[i] = i === this.#level - 1 ? 0 : rank[i + 1]!;
      for (
        let next = x.forward[i];
        next != null && precedes(next, score, member);
        next = x.forward[i]
      ) {
        rank[i]! += x.span[i]!;
        x = next;
      }
      update[i] = x;
    }
    let level = 1;
    while (level < MAX_LEVEL && Math.random() < LEVEL_UP) level++;
    if (level > this.#level) {
      for (let i = this.#level; i < level; i++) {
        rank[i] = 0;
        update[i] = this.#header;
        this.#header.span[i] = this.#length;
      }
      this.#level = level;
    }
    const node = new SkipNode(member, score, level);
    for (let i = 0; i < level; i++) {
      const before = update[i]!;
      node.forward[i] = before.forward[i]!;
      before.forward[i] = node;
      // The new node splits before's span at its own position.
      node.span[i] = before.span[i]! - (rank[0]! - rank[i]!);
      before.span[i] = rank[0]! - rank[i]! + 1;
    }
    node.next = node.forward[0]!;
    update[0]!.next = node;
    // Links above the new node's height now jump one more node.
    for (let i = level; i < this.#level; i++) update[i]!.span[i]!++;
    node.backward = update[0] === this.#header ? null : update[0]!;
    if (node.forward[0] != null) node.forward[0].backward = node;
    else this.#tail = node;
    this.#length++;
    return node;
  }

  /** Removes the node holding (score, member); false when there is none. */
  delete(score: number, member: string): boolean {
    const update = new Array<SkipNode>(MAX_LEVEL);
    let x = this.#header;
    for (let i = this.#level - 1; i >= 0; i--) {
      for (
        let next = x.forward[i];
        next != null && precedes(next, score, member);
        next = x.forward[i]
      )
        x = next;
      update[i] = x;
    }
    const node = x.forward[0];
    if (node == null || node.score !== score || node.member !== member) return false;
    for (let i = 0; i < this.#level; i++) {
      const before = update[i]!;
      if (before.forward[i] === node) {
        before.span[i]! += node.span[i]! - 1;
        before.forward[i] = node.forward[i]!;
      } else {
        before.span[i]!--;
      }
    }
    update[0]!.next = node.forward[0]!;
    if (node.forward[0] != null) node.forward[0].backward = node.backward;
    else this.#tail = node.backward;
    while (this.#level > 1 && this.#header.forward[this.#level - 1] == null) this.#level--;
    this.#length--;
    return true;
  }

  /** The 1-based rank of (score, member), or 0 when it is not in the list. */
  rank(score: number, member: string): number {
    let rank = 0;
    let x = this.#header;
    for (let i = this.#level - 1; i >= 0; i--) {
      for (
        let next = x.forward[i];
        next != null && (next.score < score || (next.score === score && next.member <= member));
        next = x.forward[i]
      ) {
        rank += x.span[i]!;
        x = next;
      }
      if (x !== this.#header && x.score === score && x.member === member) return rank;
    }
    return 0;
  }

  /** The node at 1-based `rank`, or null past either end. */
  byRank(rank: number): SkipNode | null {
    let traversed = 0;
    let x = this.#header;
    for (let i = this.#level - 1; i >= 0; i--) {
      while (x.forward[i] != null && traversed + x.span[i]! <= rank) {
        traversed += x.span[i]!;
        x = x.forward[i]!;
      }
      if (traversed === rank) return x === this.#header ? null : x;
    }
    return null;
  }

  /** The lowest node whose score is in `range`, or null. */
  firstInScoreRange(range: ScoreRange): SkipNode | null {
    if (isEmptyScoreRange(range)) return null;
    let x = this.#header;
    for (let i = this.#level - 1; i >= 0; i--)
      for (
        let next = x.forward[i];
        next != null && !scoreAboveMin(next.score, range);
        next = x.forward[i]
      )
        x = next;
    const node = x.forward[0];
    return node != null && scoreBelowMax(node.score, range) ? node : null;
  }

  /** The highest node whose score is in `range`, or null. */
  lastInScoreRange(range: ScoreRange): SkipNode | null {
    if (isEmptyScoreRange(range)) return null;
    let x = this.#header;
    for (let i = this.#level - 1; i >= 0; i--)
      for (
        let next = x.forward[i];
        next != null && scoreBelowMax(next.score, range);
        next = x.forward[i]
      )
        x = next;
    return x !== this.#header && scoreAboveMin(x.score, range) ? x : null;
  }

  /** The lowest node whose member is in `range`, or null. */
  firstInLexRange(range: LexRange): SkipNode | null {
    if (isEmptyLexRange(range)) return null;
    let x = this.#header;
    for (let i = this.#level - 1; i >= 0; i--)
      for (
        let next = x.forward[i];
        next != null && !memberAboveMin(next.member, range.min);
        next = x.forward[i]
      )
        x = next;
    const node = x.forward[0];
    return node != null && memberBelowMax(node.member, range.max) ? node : null;
  }

  /** The highest node whose member is in `range`, or null. */
  lastInLexRange(range: LexRange): SkipNode | null {
    if (isEmptyLexRange(range)) return null;
    let x = this.#header;
    for (let i = this.#level - 1; i >= 0; i--)
      for (
        let next = x.forward[i];
        next != null && memberBelowMax(next.member, range.max);
        next = x.forward[i]
      )
        x = next;
    return x !== this.#header && memberAboveMin(x.member, range.min) ? x : null;
  }
}
