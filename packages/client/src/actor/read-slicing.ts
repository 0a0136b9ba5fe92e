/**
 * How many bytes the manager's socket reads at a time: sized so that one
 * read completes a group of requests, not everything the server sent.
 *
 * Why it matters: callers continue (and send their next commands) only in
 * the microtasks that run after a read's callback returns. With one large
 * read per round, a hundred callers' replies are decoded together, then all
 * their next commands go out in one write, and the server and the client
 * take turns, each idle while the other works. Reading in slices of a few
 * dozen replies lets the first callers' commands reach the server while the
 * client still decodes the rest, so both work at once. On the 2-core
 * benchmark machine, 100 callers doing SET/GET against redis-server went
 * from 129,945-222,392 to 132,378-361,500 operations per second, a median
 * of 1.37x over 12 interleaved runs (apps/bench `client` worker). What
 * stays in the kernel's socket buffer costs nothing; the price is a read
 * syscall per slice.
 *
 * The gain needs a core for the server while the client decodes. With a
 * third busy process on the same 2 cores, reading everything at once was
 * 1.09x-1.49x faster in eight interleaved pairs (against slicing 1.18x-1.98x
 * faster in eight pairs without it). So slicing pauses, and every read
 * takes `MAX_READ`, while the client's thread waits for a CPU
 * (cpu-contention.ts says when).
 *
 * The slice follows the replies' size: a moving average of bytes per
 * completed request, times a quarter of the requests in flight (at least
 * 32), to the nearest power of two between `MIN_READ` and `MAX_READ`. A
 * read that fills its buffer without completing a request is inside a
 * large reply (a big bulk string, a long array, a pipeline's replies): the
 * next reads take `MAX_READ` until a request completes, so large replies
 * never come in small pieces.
 *
 * @module
 */

import { type CpuContention, threadCpuContention } from './cpu-contention.js';

/**
 * Requests a read aims to complete: a quarter of those in flight, and at
 * least `MIN_GROUP`. (At 100 callers, groups of 16 measured no faster, for
 * twice the syscalls; groups of 50 were slower in 5 of 8 rounds.)
 */
const MIN_GROUP = 32;
/** Smallest read, in bytes. */
const MIN_READ = 256;
/** Largest read, in bytes: Node's own read size. */
export const MAX_READ = 64 * 1024;

/** Sizes the reads of one connection; see the module doc. */
export class ReadSlicer {
  /** Requests the connection has completed; the manager counts them. */
  completed = 0;
  readonly #contention: CpuContention;
  #completedBefore = 0;
  // Bytes per completed request, a moving average; starts at a short reply.
  #bytesPerRequest = 8;
  #size = MIN_READ;
  #lastRead = 0;

  /** `contention` says when to pause slicing; the thread's own by default. */
  constructor(contention: CpuContention = threadCpuContention) {
    this.#contention = contention;
  }

  /** Records one read of `bytes` (call before decoding it). */
  read(bytes: number): void {
    this.#lastRead = bytes;
  }

  /**
   * The size of the next read, a power of two, after the last one was
   * decoded with `inFlight` requests still unanswered: `MAX_READ` while the
   * thread is contended for CPU.
   */
  next(inFlight: number): number {
    const completed = this.completed - this.#completedBefore;
    this.#completedBefore = this.completed;
    if (completed > 0) {
      // A quarter of the way to the new sample: steady under a mix of
      // replies, quick to follow a change of workload.
      this.#bytesPerRequest += (this.#lastRead / completed - this.#bytesPerRequest) / 4;
      const group = Math.max(MIN_GROUP, (inFlight + completed) / 4);
      const wanted = this.#bytesPerRequest * group;
      // The nearest power of two, so the socket has few buffer views to keep.
      this.#size =
        wanted <= MIN_READ ? MIN_READ : Math.min(MAX_READ, 2 ** Math.round(Math.log2(wanted)));
    } else if (this.#lastRead >= this.#size) {
      this.#size = MAX_READ;
    }
    // The average above keeps following the replies meanwhile, so slicing
    // resumes at the right size. Asked only with requests in flight: an
    // idle connection takes no samples.
    if (this.#size < MAX_READ && inFlight > 0 && this.#contention.contended()) return MAX_READ;
    return this.#size;
  }
}
