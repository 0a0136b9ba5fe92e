/**
 * Command timeouts with one timer for the whole client: a min-heap of
 * requests by deadline and a single `setTimeout` armed for the earliest.
 * Settled requests are dropped lazily when they reach the top.
 *
 * @module
 */

import { ClientError } from '../errors.js';
import { timerDelay } from '../timer-delay.js';
import type { Request } from './request.js';

export class Deadlines {
  readonly #heap: Request[] = [];
  #timer: NodeJS.Timeout | null = null;
  #armedFor = 0;

  /** Fails `request` with `ERR_TIMEOUT` at `deadline` unless it settles first. */
  add(request: Request, deadline: number): void {
    request.deadline = deadline;
    const heap = this.#heap;
    heap.push(request);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent]!.deadline <= heap[i]!.deadline) break;
      [heap[parent], heap[i]] = [heap[i]!, heap[parent]!];
      i = parent;
    }
    this.#arm();
  }

  /** Stops the timer (when the client ends). */
  clear(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#heap.length = 0;
  }

  #arm(): void {
    // Drop settled requests from the top so the timer tracks a live one.
    while (this.#heap.length > 0 && this.#heap[0]!.done) this.#pop();
    const first = this.#heap[0];
    if (first === undefined) {
      if (this.#timer !== null) clearTimeout(this.#timer);
      this.#timer = null;
      return;
    }
    if (this.#timer !== null && this.#armedFor <= first.deadline) return;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#armedFor = first.deadline;
    // A deadline beyond a timer's reach is approached in steps: #fire
    // fails nothing early and re-arms for what is left.
    this.#timer = setTimeout(() => this.#fire(), timerDelay(first.deadline - Date.now()));
    // Pending timeouts never keep the process alive on their own.
    this.#timer.unref();
  }

  #fire(): void {
    this.#timer = null;
    const now = Date.now();
    while (this.#heap.length > 0 && this.#heap[0]!.deadline <= now) {
      const request = this.#pop();
      request.fail(
        new ClientError('ERR_TIMEOUT', 'Command timed out: if it was sent, it may still execute'),
      );
    }
    this.#arm();
  }

  #pop(): Request {
    const heap = this.#heap;
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < heap.length && heap[left]!.deadline < heap[smallest]!.deadline) smallest = left;
        if (right < heap.length && heap[right]!.deadline < heap[smallest]!.deadline)
          smallest = right;
        if (smallest === i) break;
        [heap[smallest], heap[i]] = [heap[i]!, heap[smallest]!];
        i = smallest;
      }
    }
    return top;
  }
}
