/**
 * The set type: a key's value holding distinct binary members (Latin-1
 * strings holding their bytes, as keys are). The S* commands
 * (commands/s*.ts) read and change it; the keyspace stores it as an
 * entry's value beside strings and hashes.
 *
 * It tracks the encoding Redis 7.0 would use, for OBJECT ENCODING and for
 * order: `intset` while every member is an integer (Redis's string2ll:
 * canonical digits within 64 bits) and there are at most 512 of them, then
 * `hashtable` for good (Redis converts one way only; 7.0 has no listpack
 * sets). An intset lists its members in ascending order, as Redis's does,
 * so SMEMBERS of a set of integers answers as Redis does. Redis lists a
 * hashtable in its buckets' order; this one keeps insertion order.
 *
 * @module
 */

import type { EncodingLimits } from './encoding-limits.js';
import { toInteger } from './internal/args.js';
import { OrderedMap, type ScanBatch } from './internal/ordered-map.js';

interface Member {
  seq: number;
}

/** Whether Redis would hold `member` in an intset (string2ll accepts it). */
export function isIntsetMember(member: string): boolean {
  return member.length <= 20 && toInteger(member) !== undefined;
}

export class MemberSet {
  readonly #members = new OrderedMap<Member>();
  readonly #limits: Readonly<EncodingLimits>;
  #intset: boolean;
  // An intset's members in ascending order, kept until the next change.
  #sorted: string[] | null = null;
  // The intset's width: the widest member it has held, since Redis never
  // narrows an intset (intsetRemove keeps the encoding).
  #intsetWidth: 2 | 4 | 8 = 2;

  /**
   * An empty set, held as Redis would create it: an intset when `first`
   * (the member it is created for) is an integer, as Redis's setTypeCreate
   * decides; an intset when no member is given (the S*STORE commands').
   */
  constructor(limits: Readonly<EncodingLimits>, first?: string) {
    this.#limits = limits;
    this.#intset = first === undefined || isIntsetMember(first);
  }

  get size(): number {
    return this.#members.size;
  }

  /** What OBJECT ENCODING answers for it. */
  get encoding(): 'intset' | 'hashtable' {
    return this.#intset ? 'intset' : 'hashtable';
  }

  has(member: string): boolean {
    return this.#members.items.has(member);
  }

  /** Adds `member`; false when it was there already. */
  add(member: string): boolean {
    if (this.#members.items.has(member)) return false;
    if (this.#intset) {
      if (isIntsetMember(member)) this.#widenIntset(member);
      else this.#intset = false;
    }
    this.#members.insert(member, { seq: this.#members.nextSeq() });
    if (this.#members.size > this.#limits['set-max-intset-entries']) this.#intset = false;
    this.#sorted = null;
    return true;
  }

  /** Removes `member`; false when it was absent. */
  delete(member: string): boolean {
    if (!this.#members.delete(member)) return false;
    this.#sorted = null;
    return true;
  }

  /** Every member, in Redis's order for an intset (ascending), else insertion order. */
  members(): Iterable<string> {
    if (!this.#intset) return this.#members.items.keys();
    this.#sorted ??= [...this.#members.items.keys()].sort(byInteger);
    return this.#sorted;
  }

  /**
   * SSCAN over a `hashtable`: up to `count` members from `cursor` on, and
   * the cursor to continue from (0: done); a member present for the whole
   * iteration is returned exactly once. (An intset comes whole in one
   * reply, as Redis sends it; the command decides.)
   */
  scan(cursor: number, count: number): ScanBatch<string> {
    return this.#members.scan(cursor, count, keepAll);
  }

  /** A uniformly chosen member, or undefined when empty. */
  randomMember(): string | undefined {
    return this.#members.randomKey();
  }

  /**
   * The bytes of each member of the intset (2, 4 or 8): the fewest that
   * held every member it has had (MEMORY USAGE counts them).
   */
  get intsetWidth(): 2 | 4 | 8 {
    return this.#intsetWidth;
  }

  /** A copy with the same members and encoding (COPY's: Redis copies an intset's bytes). */
  copy(): MemberSet {
    const copy = new MemberSet(this.#limits);
    for (const member of this.#members.items.keys())
      copy.#members.insert(member, { seq: copy.#members.nextSeq() });
    copy.#intset = this.#intset;
    copy.#intsetWidth = this.#intsetWidth;
    return copy;
  }

  // intsetUpgradeAndAdd: a member outside the current width widens it.
  #widenIntset(member: string): void {
    if (this.#intsetWidth === 8) return;
    const value = Number(member);
    // Precise enough: the limits below are far inside 2^53.
    if (value < -2147483648 || value > 2147483647) this.#intsetWidth = 8;
    else if (this.#intsetWidth === 2 && (value < -32768 || value > 32767)) this.#intsetWidth = 4;
  }
}

function byInteger(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function keepAll(): boolean {
  return true;
}
