// SLOWLOG and LATENCY through the typed methods, against a real
// redis-server (over RESP3 and RESP2) and @mini-redis/server.
import { describe, expect, it } from 'vitest';
import { ReplyError } from '../src/index.js';
import { targets, useTargetClient } from './targets.js';

describe.each(targets)('server statistics against $name', (target) => {
  const clientOf = useTargetClient(target);

  it.skipIf(!target.enabled)('reads the slow log, newest first', async () => {
    const client = clientOf();
    await client.configSet({ 'slowlog-log-slower-than': 0 });
    try {
      expect(await client.slowlogReset()).toBe('OK');
      await client.set('slow:k', 'x'.repeat(130));
      const [set, reset] = await client.slowlogGet(2);
      expect(set!.args).toEqual(['SET', 'slow:k', `${'x'.repeat(128)}... (2 more bytes)`]);
      expect(reset!.args).toEqual(['SLOWLOG', 'RESET']);
      expect(set!.id).toBe(reset!.id + 1);
      expect(set!.client).toMatch(/^127\.0\.0\.1:\d+$/);
      expect(set!.clientName).toBe('');
      expect(Math.abs(set!.timestamp - Date.now() / 1000)).toBeLessThan(5);
      expect(set!.durationMicros).toBeGreaterThanOrEqual(0);
      // The two above, and the GET that read them.
      expect(await client.slowlogLen()).toBe(3);
      expect(await client.slowlogGet(-1)).toHaveLength(4);
    } finally {
      await client.configSet({ 'slowlog-log-slower-than': 10_000 });
    }
  });

  it.skipIf(!target.enabled)("reads each command's latency histogram", async () => {
    const client = clientOf();
    await client.configResetstat();
    await client.set('h:a', '1');
    await client.set('h:b', '2');
    await client.get('h:a');
    const histograms = await client.latencyHistogram(['set', 'get', 'nosuch']);
    expect([...histograms.keys()].sort()).toEqual(['get', 'set']);
    const set = histograms.get('set')!;
    expect(set.calls).toBe(2);
    const counts = [...set.histogramUsec.values()];
    expect(counts.at(-1)).toBe(2);
    for (const micros of set.histogramUsec.keys()) expect(Number.isInteger(micros)).toBe(true);
    expect((await client.latencyHistogram()).get('get')?.calls).toBe(1);
  });

  it.skipIf(!target.enabled)('draws LOLWUT', async () => {
    const client = clientOf();
    expect(await client.lolwut()).toBe('Redis ver. 7.0.15\n');
    const schotter = await client.lolwut({ version: 5, args: [10, 1, 1] });
    // redis-server 7.0.15's bytes for these arguments (no squares tumble in one row).
    expect(schotter).toBe(
      '⠀⡤⠤⠤⠤⠤⠤⠤⠤⡄\n⠀⡇⠀⠀⠀⠀⠀⠀⠀⡇\n⠀⡇⠀⠀⠀⠀⠀⠀⠀⡇\n⠀⡇⠀⠀⠀⠀⠀⠀⠀⡇\n⠀⠧⠤⠤⠤⠤⠤⠤⠤⠇\n\nGeorg Nees - schotter, plotter on paper, 1968. Redis ver. 7.0.15\n',
    );
  });

  it.skipIf(!target.enabled)('samples a slow command over the latency threshold', async () => {
    const client = clientOf();
    await client.latencyReset();
    // A threshold far above what a command takes on a loaded machine: at 1 ms
    // the CONFIG SET itself was sampled once under CI load (4 ms), which made
    // the history two entries long.
    await client.configSet({ 'latency-monitor-threshold': 100 });
    try {
      // A script that spins until the server's own clock has moved 150 ms,
      // so it is equally slow on either server and on any machine.
      await client.command([
        'EVAL',
        `local function micros() local t = redis.call('TIME') return t[1] * 1000000 + t[2] end
         local start = micros()
         while micros() - start < 150000 do end
         return 1`,
        '0',
      ]);
      const [latest] = await client.latencyLatest();
      expect(latest!.event).toBe('command');
      expect(latest!.latestMs).toBeGreaterThanOrEqual(150);
      expect(latest!.maxMs).toBe(latest!.latestMs);
      const history = await client.latencyHistory('command');
      expect(history).toEqual([{ timestamp: latest!.timestamp, latencyMs: latest!.latestMs }]);
      expect(await client.latencyGraph('command')).toMatch(/^command - high \d+ ms, low \d+ ms/);
      expect(await client.latencyDoctor()).toMatch(/^Dave, I have observed latency spikes/);
      expect(await client.latencyReset(['nosuch', 'command'])).toBe(1);
      const error = await client.latencyGraph('command').catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ReplyError);
      expect((error as ReplyError).message).toBe("ERR No samples available for event 'command'");
    } finally {
      await client.configSet({ 'latency-monitor-threshold': 0 });
    }
  });
});
