import { mpsc } from '@mini-redis/channels';
import { describe, expect, it } from 'vitest';
import { type Command, get, runManager, set } from './manager.js';

describe('runManager', () => {
  it('serves many concurrent tasks over one mpsc with oneshot replies, then stops', async () => {
    const [tx, rx] = mpsc.channel<Command>(4);
    const manager = runManager(rx);
    await Promise.all(Array.from({ length: 100 }, (_, i) => set(tx, `k${i}`, `v${i}`)));
    const values = await Promise.all(Array.from({ length: 100 }, (_, i) => get(tx, `k${i}`)));
    expect(values).toEqual(Array.from({ length: 100 }, (_, i) => `v${i}`));
    expect(await get(tx, 'missing')).toBeNull();
    tx.close();
    const store = await manager;
    expect(store.size).toBe(100);
  });
});
