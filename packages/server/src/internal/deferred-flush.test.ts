import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { deferFlush } from './deferred-flush.js';

describe('deferFlush', () => {
  it('runs each queued flush once, in order, after the current turn', async () => {
    const ran: string[] = [];
    deferFlush(() => ran.push('a'));
    deferFlush(() => ran.push('b'));
    await Promise.resolve();
    // Not in the same turn, not even after its microtasks.
    expect(ran).toEqual([]);
    await nextTurn();
    expect(ran).toEqual(['a', 'b']);
    await nextTurn();
    expect(ran).toEqual(['a', 'b']);
  });

  it('a flush queued while flushing runs in the next batch', async () => {
    const ran: string[] = [];
    deferFlush(() => {
      ran.push('first');
      deferFlush(() => ran.push('second'));
    });
    await nextTurn();
    expect(ran).toEqual(['first']);
    await nextTurn();
    expect(ran).toEqual(['first', 'second']);
  });
});
