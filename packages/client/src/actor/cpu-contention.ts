/**
 * Whether the thread running the client waits for a CPU: the signal that
 * tells the manager's read slicing (read-slicing.ts) when to stop.
 *
 * Reading in slices lets the server work on the first callers' next
 * commands while the client decodes the rest of a round; it pays for that
 * with more read and write syscalls. When a free core is there for the
 * server, the overlap wins. When every core is busy, there is no overlap to
 * win and the syscalls are pure cost: on the 2-core benchmark machine with
 * one CPU-bound process alongside, whole reads were 1.09x-1.49x faster
 * than slices, while slices were 1.18x-1.98x faster without it.
 *
 * The signal is Linux's per-thread scheduler statistics,
 * `/proc/thread-self/schedstat`: nanoseconds on a CPU, nanoseconds
 * runnable but waiting for one, and timeslices. The share of wall time
 * spent waiting measures exactly "no core was free for me", whoever took
 * it. With one CPU-bound process beside the benchmark's client and
 * redis-server, 50 ms windows of the client's thread waited 0.23-0.41 of
 * the time (p10-p90), the same whether it read in slices or not; without
 * it, 0.00-0.06. So the share does not depend on the choice it drives.
 *
 * Measured against the build that always slices, in interleaved pairs of
 * the benchmark's 100-caller worker (apps/bench `client-worker`, 200,000
 * operations): a median of 1.03x over 18 pairs on an otherwise idle
 * machine (0.72x-1.44x: no loss beyond the noise), and 1.20x over 8 pairs
 * (0.98x-1.45x) with one CPU-bound process alongside; in 3-second runs
 * with that process, 1.43x over 6 pairs (1.14x-2.09x). The process's own
 * threads count too: in its first few hundred milliseconds V8's compiler
 * threads take a core, and in 3 of 4 runs on the idle machine the worker
 * made 6.9%-12.1% of its reads whole then.
 *
 * Sampling reads a small procfs file (about 30 µs) at most once per
 * `WINDOW_MS`, and only when the manager asks, which it does on reads with
 * requests in flight: an idle client costs nothing. Where the file cannot be
 * read (macOS, Windows, kernels without scheduler info) the answer is
 * always "not contended", which keeps slicing as before.
 *
 * @module
 */

import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/** Shortest time between two samples, in milliseconds. */
const WINDOW_MS = 50;
/** Smoothed wait share at or above which the thread counts as contended. */
const ENTER = 0.2;
/** Smoothed wait share below which it stops counting as contended. */
const LEAVE = 0.1;

/** Reads the schedstat text of the calling thread; throws where there is none. */
export type SchedstatReader = () => string;

const readThreadSchedstat: SchedstatReader = () =>
  readFileSync('/proc/thread-self/schedstat', 'latin1');

/**
 * Tracks how much of the time the calling thread waited for a CPU; see the
 * module doc. One instance serves every connection on the thread.
 */
export class CpuContention {
  readonly #readSchedstat: SchedstatReader;
  readonly #now: () => number;
  #available = true;
  #sampledAt = Number.NaN;
  #waitedNs = 0;
  // The wait share, each window's weighing half against the history's:
  // one noisy window (a spike to 0.33 was seen without contention) moves
  // it only halfway.
  #smoothedShare = 0;
  #contended = false;

  /** `readSchedstat` and `now` (milliseconds) are replaceable for tests. */
  constructor(
    readSchedstat: SchedstatReader = readThreadSchedstat,
    now: () => number = () => performance.now(),
  ) {
    this.#readSchedstat = readSchedstat;
    this.#now = now;
  }

  /**
   * Whether the thread counts as contended: its smoothed wait share rose to
   * `ENTER` and has not yet fallen below `LEAVE` (the gap keeps it from
   * flapping). Takes a new sample when `WINDOW_MS` has passed since the
   * last; never throws.
   */
  contended(): boolean {
    if (!this.#available) return false;
    const now = this.#now();
    if (now - this.#sampledAt < WINDOW_MS) return this.#contended;
    const waitedNs = this.#sample();
    if (waitedNs === undefined) return false;
    if (!Number.isNaN(this.#sampledAt)) {
      const share = (waitedNs - this.#waitedNs) / ((now - this.#sampledAt) * 1e6);
      this.#smoothedShare += (share - this.#smoothedShare) / 2;
      if (this.#smoothedShare >= ENTER) this.#contended = true;
      else if (this.#smoothedShare < LEAVE) this.#contended = false;
    }
    this.#sampledAt = now;
    this.#waitedNs = waitedNs;
    return this.#contended;
  }

  // Nanoseconds spent waiting for a CPU so far, or undefined (and no more
  // tries) when the statistics cannot be read or parsed.
  #sample(): number | undefined {
    let waitedNs = Number.NaN;
    try {
      waitedNs = Number(this.#readSchedstat().split(' ')[1]);
    } catch {
      // No such file here: fall through to giving up.
    }
    if (Number.isFinite(waitedNs)) return waitedNs;
    this.#available = false;
    this.#contended = false;
    return undefined;
  }
}

/** The calling thread's instance, shared by its connections. */
export const threadCpuContention = new CpuContention();
