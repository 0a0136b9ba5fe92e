import { describe, expect, it } from 'vitest';
import { type BlockedPop, BlockedPops } from './blocked-pops.js';
import { Keyspace } from './keyspace.js';
import { List } from './list.js';

function waiter(keyspace: Keyspace, keys: string[], served: string[], name: string): BlockedPop {
  return {
    keyspace,
    keys,
    kind: 'list',
    serve: (key, list) => {
      served.push(`${name}:${key}:${String((list as List).pop(true))}`);
      return true;
    },
  };
}

function storeList(keyspace: Keyspace, key: string, ...elements: string[]): void {
  const list = new List(-2);
  for (const element of elements) list.push(Buffer.from(element), false);
  keyspace.set(key, list, 0);
}

describe('BlockedPops', () => {
  it('serves waiters in the order they blocked, while the list has elements', () => {
    const blocked = new BlockedPops();
    const keyspace = new Keyspace();
    keyspace.onPoppableStored = (key) => blocked.stored(keyspace, key);
    const served: string[] = [];
    blocked.add(waiter(keyspace, ['k'], served, 'a'));
    blocked.add(waiter(keyspace, ['other', 'k'], served, 'b'));
    blocked.add(waiter(keyspace, ['k'], served, 'c'));
    storeList(keyspace, 'k', '1', '2');
    expect(blocked.pending).toBe(true);
    blocked.serve(0);
    expect(served).toEqual(['a:k:1', 'b:k:2']);
    expect(blocked.pending).toBe(false);
    // b left every queue it was on, so a list at `other` wakes no one.
    storeList(keyspace, 'other', 'x');
    expect(blocked.pending).toBe(false);
    storeList(keyspace, 'k', '3');
    blocked.serve(0);
    expect(served).toEqual(['a:k:1', 'b:k:2', 'c:k:3']);
  });

  it('forgets a removed waiter, and marks only keys someone waits for', () => {
    const blocked = new BlockedPops();
    const keyspace = new Keyspace();
    const served: string[] = [];
    const pop = waiter(keyspace, ['k'], served, 'a');
    blocked.add(pop);
    blocked.remove(pop);
    blocked.remove(pop);
    blocked.stored(keyspace, 'k');
    expect(blocked.pending).toBe(false);
  });
});
