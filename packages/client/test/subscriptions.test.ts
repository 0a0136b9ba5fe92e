// The ledger behind createSubscriber on its own, fed the frames Redis
// sends: which change each reply settles, what a refusal undoes, and what
// a reconnect writes.
import type { Frame } from '@mini-redis/resp';
import { describe, expect, it } from 'vitest';
import { Subscriptions } from '../src/subscriptions.js';

const bulk = (text: string): Frame => ({ type: 'bulk', value: Buffer.from(text) });
const confirm = (kind: string, name: string | null, count: number): Frame => ({
  type: 'array',
  value: [
    bulk(kind),
    name === null ? { type: 'null-bulk' } : bulk(name),
    { type: 'integer', value: count },
  ],
});
const error = (text: string): Frame => ({ type: 'error', value: text });

/** How a promise stands after the microtasks queued now have run. */
async function state(promise: Promise<void>): Promise<string> {
  let result = 'pending';
  promise.then(
    () => {
      result = 'resolved';
    },
    (reason: Error) => {
      result = `rejected: ${reason.message}`;
    },
  );
  await new Promise((resolve) => setImmediate(resolve));
  return result;
}

describe('Subscriptions', () => {
  it('settles a change at its last confirmation, and writes nothing for an empty subscribe', async () => {
    const ledger = new Subscriptions();
    ledger.connected();
    const { change, command } = ledger.request('subscribe', ['a', 'b'], true);
    expect(command).toEqual(['SUBSCRIBE', 'a', 'b']);
    ledger.reply(confirm('subscribe', 'a', 1));
    expect(await state(change.promise)).toBe('pending');
    ledger.reply(confirm('subscribe', 'b', 2));
    expect(await state(change.promise)).toBe('resolved');
    const empty = ledger.request('subscribe', [], true);
    expect(empty.command).toBeNull();
    expect(await state(empty.change.promise)).toBe('resolved');
  });

  it('counts an unsubscribe from all by the channels the server has, patterns aside', async () => {
    const ledger = new Subscriptions();
    ledger.connected();
    ledger.request('subscribe', ['a', 'b'], true);
    ledger.request('psubscribe', ['p*'], true);
    const all = ledger.request('unsubscribe', [], true);
    expect(all.command).toEqual(['UNSUBSCRIBE']);
    expect(ledger.channels.size).toBe(0);
    ledger.reply(confirm('subscribe', 'a', 1));
    ledger.reply(confirm('subscribe', 'b', 2));
    ledger.reply(confirm('psubscribe', 'p*', 3));
    ledger.reply(confirm('unsubscribe', 'a', 2));
    expect(await state(all.change.promise)).toBe('pending');
    ledger.reply(confirm('unsubscribe', 'b', 1));
    expect(await state(all.change.promise)).toBe('resolved');
    // None left: answered once, with no channel.
    const none = ledger.request('unsubscribe', [], true);
    ledger.reply(confirm('unsubscribe', null, 1));
    expect(await state(none.change.promise)).toBe('resolved');
  });

  it('rejects a refused change and undoes it, unless a later change names the same name', async () => {
    const ledger = new Subscriptions();
    ledger.connected();
    const first = ledger.request('subscribe', ['x', 'y'], true);
    const second = ledger.request('subscribe', ['x'], true);
    const third = ledger.request('unsubscribe', ['z'], true);
    ledger.reply(error('NOPERM this user has no permissions'));
    expect(await state(first.change.promise)).toBe('rejected: NOPERM this user has no permissions');
    // `y` is gone; `x` stays wanted: the second change asks for it again.
    expect([...ledger.channels]).toEqual(['x']);
    ledger.reply(confirm('subscribe', 'x', 1));
    expect(await state(second.change.promise)).toBe('resolved');
    // A refused unsubscribe wants back what the server still has (nothing here).
    ledger.reply(error('BUSY Redis is busy running a script'));
    expect(await state(third.change.promise)).toMatch(/^rejected: BUSY /);
    expect([...ledger.channels]).toEqual(['x']);
  });

  it('restores name by name, drops a name refused for good, and retries one refused for now', async () => {
    const ledger = new Subscriptions();
    // Made while not connected: confirmed by the restore.
    const made = ledger.request('subscribe', ['ok', 'secret'], false);
    const pattern = ledger.request('psubscribe', ['p*'], false);
    expect(made.command).toBeNull();
    expect(ledger.connected()).toEqual([
      ['SUBSCRIBE', 'ok'],
      ['SUBSCRIBE', 'secret'],
      ['PSUBSCRIBE', 'p*'],
    ]);
    // Dropped before an answer: the next connection restores again.
    ledger.disconnected();
    expect(await state(made.change.promise)).toBe('pending');
    expect(ledger.connected()).toHaveLength(3);
    ledger.reply(confirm('subscribe', 'ok', 1));
    ledger.reply(error('NOPERM no permissions'));
    expect(await state(made.change.promise)).toBe('rejected: NOPERM no permissions');
    expect(await state(pattern.change.promise)).toBe('pending');
    ledger.reply(confirm('psubscribe', 'p*', 2));
    expect(await state(pattern.change.promise)).toBe('resolved');
    expect([...ledger.channels]).toEqual(['ok']);

    ledger.disconnected();
    ledger.connected();
    expect(ledger.reply(error('BUSY Redis is busy running a script'))).toMatchObject({
      kind: 'retry',
    });
    // Still wanted: refused only for now.
    expect([...ledger.channels]).toEqual(['ok']);
  });

  it('takes a health check PING reply in either mode, and resolves what waits on close', async () => {
    const ledger = new Subscriptions();
    ledger.connected();
    expect(ledger.ping('token')).toEqual(['PING', 'token']);
    const { change } = ledger.request('subscribe', ['a'], true);
    // Not subscribed yet: the PING's reply is the token alone.
    ledger.reply(bulk('token'));
    ledger.reply(confirm('subscribe', 'a', 1));
    expect(await state(change.promise)).toBe('resolved');
    ledger.ping('token');
    const waiting = ledger.request('subscribe', ['b'], true).change;
    ledger.reply({ type: 'array', value: [bulk('pong'), bulk('token')] });
    expect(await state(waiting.promise)).toBe('pending');
    ledger.close();
    expect(await state(waiting.promise)).toBe('resolved');
  });

  it("tells a shard channel the server unsubscribed unasked (a cluster slot moved) from an SUNSUBSCRIBE's reply", async () => {
    const ledger = new Subscriptions();
    ledger.connected();
    const subscribed = ledger.request('ssubscribe', ['a', 'b', 'c'], true);
    ledger.reply(confirm('ssubscribe', 'a', 1));
    ledger.reply(confirm('ssubscribe', 'b', 2));
    ledger.reply(confirm('ssubscribe', 'c', 3));
    expect(await state(subscribed.change.promise)).toBe('resolved');
    // Nothing written waits for it: the server dropped `a`.
    expect(ledger.reply(confirm('sunsubscribe', 'a', 2))).toEqual({
      kind: 'dropped',
      channel: 'a',
    });
    expect([...ledger.shardChannels]).toEqual(['b', 'c']);
    // An SUNSUBSCRIBE of `b` is waiting: a drop of `c` is not its reply.
    const leaving = ledger.request('sunsubscribe', ['b'], true);
    expect(ledger.reply(confirm('sunsubscribe', 'c', 1))).toEqual({
      kind: 'dropped',
      channel: 'c',
    });
    expect(await state(leaving.change.promise)).toBe('pending');
    expect(ledger.reply(confirm('sunsubscribe', 'b', 0))).toEqual({ kind: 'handled' });
    expect(await state(leaving.change.promise)).toBe('resolved');
    expect([...ledger.shardChannels]).toEqual([]);
    // Dropped while an SSUBSCRIBE of the same name is on its way: that
    // change's reply (MOVED) decides, and nothing is told.
    ledger.request('ssubscribe', ['d'], true);
    ledger.reply(confirm('ssubscribe', 'd', 1));
    const again = ledger.request('ssubscribe', ['d'], true);
    expect(ledger.reply(confirm('sunsubscribe', 'd', 0))).toEqual({ kind: 'handled' });
    ledger.reply(error('MOVED 2 127.0.0.1:7001'));
    expect(await state(again.change.promise)).toBe('rejected: MOVED 2 127.0.0.1:7001');
    expect([...ledger.shardChannels]).toEqual([]);
    // From all: each confirmation counts, the unasked one included.
    ledger.request('ssubscribe', ['e', 'f'], true);
    ledger.reply(confirm('ssubscribe', 'e', 1));
    ledger.reply(confirm('ssubscribe', 'f', 2));
    const all = ledger.request('sunsubscribe', [], true);
    expect(ledger.reply(confirm('sunsubscribe', 'e', 1))).toEqual({ kind: 'handled' });
    expect(await state(all.change.promise)).toBe('pending');
    ledger.reply(confirm('sunsubscribe', 'f', 0));
    expect(await state(all.change.promise)).toBe('resolved');
    // A drop of a name no longer wanted tells nothing.
    expect(ledger.reply(confirm('sunsubscribe', 'e', 0))).toEqual({ kind: 'handled' });
  });

  it('tells a shard channel whose restore is refused with MOVED, and retries one refused with CLUSTERDOWN', async () => {
    const ledger = new Subscriptions();
    const { change } = ledger.request('ssubscribe', ['gone', 'later'], false);
    expect(ledger.connected()).toEqual([
      ['SSUBSCRIBE', 'gone'],
      ['SSUBSCRIBE', 'later'],
    ]);
    expect(ledger.reply(error('MOVED 12 127.0.0.1:7002'))).toEqual({
      kind: 'dropped',
      channel: 'gone',
    });
    expect([...ledger.shardChannels]).toEqual(['later']);
    // The change that asked for it learns why.
    expect(await state(change.promise)).toBe('rejected: MOVED 12 127.0.0.1:7002');
    const outcome = ledger.reply(error('CLUSTERDOWN The cluster is down'));
    expect(outcome.kind).toBe('retry');
    expect([...ledger.shardChannels]).toEqual(['later']);
  });
});
