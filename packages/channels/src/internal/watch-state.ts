/**
 * The state a watch channel's senders and receivers share: the value, its
 * version, and the receivers waiting for the next version. Only the watch
 * module touches it.
 *
 * @module
 */

import { Watchers } from './select-protocol.js';
import { WaiterList, type WaiterNode } from './waiter-list.js';

export interface ChangeWaiter extends WaiterNode {
  wake: () => void;
  detach: () => void;
}

export class WatchState<T> {
  value: T;
  version = 0;
  senders = 1;
  receivers = 0;
  readonly waiters = new WaiterList<ChangeWaiter>();
  readonly watchers = new Watchers();
  closedWaiters: (() => void)[] = [];

  constructor(value: T) {
    this.value = value;
  }

  publish(): void {
    this.version++;
    this.wakeAll();
  }

  wakeAll(): void {
    for (let waiter = this.waiters.shift(); waiter !== null; waiter = this.waiters.shift()) {
      waiter.detach();
      waiter.wake();
    }
    this.watchers.wakeAll();
  }
}
