/**
 * Redis's `client-output-buffer-limit`: how much output a connection may
 * leave unread before the server closes it, per class of connection. A
 * class has a hard limit (reached: closed at once) and a soft limit with a
 * number of seconds (closed once it has stayed over the soft limit for
 * longer than that); 0 is no limit. The classes are `normal` (any
 * connection without subscriptions, MONITOR's included, as in Redis),
 * `pubsub` (one with a channel, pattern or shard channel subscription)
 * and `replica` (Redis's replicas: this server has none, so it is only
 * kept and reported).
 *
 * The handler (handler.ts) measures a connection's output not yet sent
 * (its encoder's pending bytes and what the socket still buffers) when it
 * grows: after a read's commands, and when messages, MONITOR lines or
 * invalidations are pushed; `OutputWatch` decides, as Redis's
 * checkClientOutputBufferLimits does.
 *
 * @module
 */

import { strtoll } from './internal/args.js';

/** One class's limits, in bytes and seconds; 0 is no limit. */
export interface OutputLimit {
  readonly hard: number;
  readonly soft: number;
  readonly softSeconds: number;
}

/** Every class's limits. */
export interface OutputLimits {
  readonly normal: OutputLimit;
  readonly replica: OutputLimit;
  readonly pubsub: OutputLimit;
}

/** Redis's defaults. */
export const DEFAULT_OUTPUT_LIMITS: OutputLimits = {
  normal: { hard: 0, soft: 0, softSeconds: 0 },
  replica: { hard: 256 * 1024 * 1024, soft: 64 * 1024 * 1024, softSeconds: 60 },
  pubsub: { hard: 32 * 1024 * 1024, soft: 8 * 1024 * 1024, softSeconds: 60 },
};

/** The setting as CONFIG GET writes it: `normal 0 0 0 slave ... pubsub ...`. */
export function formatOutputLimits(limits: OutputLimits): string {
  const format = (name: string, limit: OutputLimit) =>
    `${name} ${limit.hard} ${limit.soft} ${limit.softSeconds}`;
  return [
    format('normal', limits.normal),
    format('slave', limits.replica),
    format('pubsub', limits.pubsub),
  ].join(' ');
}

const CLASSES: Readonly<Record<string, keyof OutputLimits>> = {
  normal: 'normal',
  slave: 'replica',
  replica: 'replica',
  pubsub: 'pubsub',
};

/**
 * `words` (CONFIG SET's value, split as Redis's sdssplitargs splits it)
 * applied to `current`: groups of `<class> <hard> <soft> <seconds>`, the
 * classes named in any case (`slave` or `replica`), the sizes memory
 * values (`1mb`, `64kb`, `100`). Classes not named keep their limits.
 * Returns Redis's reason when the words are not that; then nothing
 * changes.
 *
 * `readMemory` reads a memory value as Redis's memtoull (undefined when
 * it is not one).
 */
export function parseOutputLimits(
  words: readonly string[],
  current: OutputLimits,
  readMemory: (text: string) => bigint | undefined,
): OutputLimits | string {
  if (words.length % 4 !== 0) return 'Wrong number of arguments in buffer limit configuration.';
  const next = { ...current };
  for (let i = 0; i < words.length; i += 4) {
    const name = CLASSES[words[i]!.toLowerCase()];
    if (name === undefined) return 'Invalid client class specified in buffer limit configuration.';
    const hard = readMemory(words[i + 1]!);
    const soft = readMemory(words[i + 2]!);
    const seconds = strtoll(words[i + 3]!);
    if (hard === undefined || soft === undefined || seconds === undefined || seconds < 0)
      return 'Error in hard, soft or soft_seconds setting in buffer limit configuration.';
    next[name] = { hard: Number(hard), soft: Number(soft), softSeconds: seconds };
  }
  return next;
}

/**
 * The output Redis keeps in a connection's own buffer before it counts
 * any (PROTO_REPLY_CHUNK_BYTES): its limits measure only the reply blocks
 * past it, so a 1-byte limit still lets small replies through.
 */
export const UNCOUNTED_OUTPUT = 16 * 1024;

/**
 * One connection's watch on its unsent output, as Redis's
 * checkClientOutputBufferLimits: over the hard limit closes it; over the
 * soft limit starts a clock (whole seconds, as Redis's unixtime), and
 * closes it when it is still over more than `softSeconds` later. Falling
 * under the soft limit stops the clock. The first `UNCOUNTED_OUTPUT`
 * bytes do not count, as in Redis.
 */
export class OutputWatch {
  // The second the output was first seen over the soft limit; 0: it is not.
  #softSince = 0;

  /** Whether `unsent` bytes of output, at `nowMs`, are past `limit`. */
  exceeded(limit: OutputLimit, unsent: number, nowMs: number): boolean {
    const used = unsent - UNCOUNTED_OUTPUT;
    if (used <= 0) {
      this.#softSince = 0;
      return false;
    }
    if (limit.hard !== 0 && used >= limit.hard) return true;
    if (limit.soft === 0 || used < limit.soft) {
      this.#softSince = 0;
      return false;
    }
    const now = Math.floor(nowMs / 1000);
    if (this.#softSince === 0) {
      this.#softSince = now;
      return false;
    }
    return now - this.#softSince > limit.softSeconds;
  }
}
