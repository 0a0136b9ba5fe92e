/**
 * An intrusive doubly linked list of waiters.
 *
 * Waiters leave from the front in FIFO order, but an aborted waiter must
 * leave from the middle at once: a loop that waits with a timeout on a quiet
 * channel would otherwise pile up dead waiters without bound. Linking the
 * nodes themselves gives O(1) push, shift and remove with no extra objects.
 *
 * @module
 */

export interface WaiterNode {
  prev: WaiterNode | null;
  next: WaiterNode | null;
  // True while the node is in a list; makes remove() idempotent.
  linked: boolean;
}

export class WaiterList<N extends WaiterNode> {
  #head: N | null = null;
  #tail: N | null = null;
  #size = 0;

  get size(): number {
    return this.#size;
  }

  get head(): N | null {
    return this.#head;
  }

  push(node: N): void {
    node.prev = this.#tail;
    node.next = null;
    node.linked = true;
    if (this.#tail === null) this.#head = node;
    else this.#tail.next = node;
    this.#tail = node;
    this.#size++;
  }

  shift(): N | null {
    const node = this.#head;
    if (node !== null) this.remove(node);
    return node;
  }

  remove(node: N): void {
    if (!node.linked) return;
    if (node.prev === null) this.#head = node.next as N | null;
    else node.prev.next = node.next;
    if (node.next === null) this.#tail = node.prev as N | null;
    else node.next.prev = node.prev;
    node.prev = null;
    node.next = null;
    node.linked = false;
    this.#size--;
  }
}
