/**
 * The state a broadcast channel's senders and receivers share: the ring of
 * slots, the sequence counter, and the receivers waiting for the next value.
 * Only the broadcast module touches it.
 *
 * @module
 */

import { Watchers } from './select-protocol.js';
import { WaiterList, type WaiterNode } from './waiter-list.js';

export interface Slot<T> {
  // The sequence number of the value in this slot; -1 before first use.
  seq: number;
  value: T | undefined;
  // Receivers that have yet to read this value; at 0 it is released.
  unread: number;
}

export interface RecvWaiter extends WaiterNode {
  // Tries to complete this wait; returns false when it must keep waiting.
  attempt: () => boolean;
  detach: () => void;
}

export class BroadcastState<T> {
  readonly slots: Slot<T>[];
  // The sequence number the next value gets.
  tail = 0;
  senders = 1;
  receivers = 0;
  readonly waiters = new WaiterList<RecvWaiter>();
  readonly watchers = new Watchers();
  closedWaiters: (() => void)[] = [];

  constructor(readonly capacity: number) {
    this.slots = Array.from({ length: capacity }, () => ({ seq: -1, value: undefined, unread: 0 }));
  }

  get closed(): boolean {
    return this.senders === 0;
  }

  wakeReceivers(): void {
    for (let waiter = this.waiters.head; waiter !== null; ) {
      const next = waiter.next as RecvWaiter | null;
      if (waiter.attempt()) {
        this.waiters.remove(waiter);
        waiter.detach();
      }
      waiter = next;
    }
    this.watchers.wakeAll();
  }

  receiverGone(): void {
    if (--this.receivers !== 0) return;
    const closedWaiters = this.closedWaiters;
    this.closedWaiters = [];
    for (const resolve of closedWaiters) resolve();
  }
}
