// createMonitor and Client#monitor, against @mini-redis/server and a real
// redis-server: the events a monitor reads for other clients' commands,
// binary arguments unescaped, redacted passwords, and the end of the
// iteration; and parseMonitorLine on its own, against Redis's quoting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connect,
  createClient,
  createMonitor,
  type Monitor,
  type MonitorEvent,
  parseMonitorLine,
} from '../src/index.js';
import { targets } from './targets.js';

// Every byte value, which MONITOR escapes and the parser must restore.
const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

// Reads events until one whose command is `name` (commands of the test's
// own set-up may come first).
async function nextCommand<A extends string | Buffer>(
  monitor: Monitor<A>,
  name: string,
): Promise<MonitorEvent<A>> {
  for (;;) {
    const event = await monitor.next();
    if (event === undefined) throw new Error(`the monitor ended before ${name}`);
    if (event.args[0]?.toString().toUpperCase() === name) return event;
  }
}

for (const target of targets) {
  describe.skipIf(!target.enabled)(`MONITOR against ${target.name}`, () => {
    let address: string;
    let stop: () => Promise<void>;

    beforeAll(async () => {
      ({ address, stop } = await target.start());
    });

    afterAll(async () => {
      await stop?.();
    });

    it("reads other clients' commands as events: time, database, source and arguments", async () => {
      using monitor = await createMonitor(address);
      await using client = createClient(`redis://${address}/3`);
      const before = Date.now() / 1000;
      await client.set('monitor:key', 'a "quoted"\nvalue é');
      const after = Date.now() / 1000;
      const event = await nextCommand(monitor, 'SET');
      expect(event.args).toEqual(['SET', 'monitor:key', 'a "quoted"\nvalue é']);
      expect(event.db).toBe(3);
      expect(event.source).toMatch(/^127\.0\.0\.1:\d+$/);
      expect(event.timestamp).toMatch(/^\d+\.\d{6}$/);
      expect(event.time).toBe(Number(event.timestamp));
      expect(event.line).toBe(
        `${event.timestamp} [3 ${event.source}] "SET" "monitor:key" "a \\"quoted\\"\\nvalue \\xc3\\xa9"`,
      );
      expect(event.time).toBeGreaterThanOrEqual(before - 0.01);
      expect(event.time).toBeLessThanOrEqual(after + 0.01);
    });

    it('gives every byte back as sent, with buffers: true', async () => {
      using monitor = await createMonitor(address, { buffers: true });
      await using client = createClient(address);
      await client.set(ALL_BYTES.toString('latin1'), ALL_BYTES);
      const event = await nextCommand(monitor, 'SET');
      expect(event.args[2]).toEqual(ALL_BYTES);
      // The key went out as UTF-8 text.
      expect(event.args[1]).toEqual(Buffer.from(ALL_BYTES.toString('latin1')));
    });

    it('reads lines past the default line limit', async () => {
      using monitor = await createMonitor(address);
      await using client = createClient(address);
      const big = 'x'.repeat(200 * 1024);
      await client.set('monitor:big', big);
      expect((await nextCommand(monitor, 'SET')).args[2]).toBe(big);
    });

    it('shows passwords as the server redacts them', async () => {
      using monitor = await createMonitor(address);
      using direct = await connect(address);
      await expect(direct.command(['AUTH', 'secret'])).rejects.toThrow();
      expect((await nextCommand(monitor, 'AUTH')).args).toEqual(['AUTH', '(redacted)']);
    });

    it('ends the iteration when the monitor is closed', async () => {
      const monitor = await createMonitor(address);
      await using client = createClient(address);
      await client.ping();
      const seen: string[] = [];
      setTimeout(() => monitor.close(), 100);
      for await (const event of monitor) seen.push(String(event.args[0]));
      expect(seen).toContain('PING');
    });

    it('is refused on the actor, which shares its connection', async () => {
      await using client = createClient(address);
      await expect(client.command(['MONITOR'])).rejects.toThrow(
        'MONITOR needs a connection of its own: use createMonitor(address)',
      );
    });
  });
}

describe('parseMonitorLine', () => {
  it("undoes Redis's quoting", () => {
    const event = parseMonitorLine(
      '1764000000.000042 [15 [::1]:6379] "SET" "k\\\\\\"" "\\n\\r\\t\\a\\b\\x00\\xff\\xAb"',
    );
    expect(event).toEqual({
      time: 1764000000.000042,
      timestamp: '1764000000.000042',
      db: 15,
      source: '[::1]:6379',
      line: '1764000000.000042 [15 [::1]:6379] "SET" "k\\\\\\"" "\\n\\r\\t\\a\\b\\x00\\xff\\xAb"',
      args: [
        Buffer.from('SET'),
        Buffer.from('k\\"'),
        Buffer.from([0x0a, 0x0d, 0x09, 0x07, 0x08, 0x00, 0xff, 0xab]),
      ],
    });
    expect(parseMonitorLine('1.000000 [0 lua] ""')?.args).toEqual([Buffer.alloc(0)]);
  });

  it('refuses what is not a MONITOR line', () => {
    for (const line of [
      'OK',
      '1764000000.1 [0 a:1] "PING"',
      '1764000000.000001 [0 a:1] PING',
      '1764000000.000001 [0 a:1] "PING',
      '1764000000.000001 [0 a:1] "PING""X"',
      '1764000000.000001 [0 a:1] "P\\q"',
      '1764000000.000001 [0 a:1] "P\\x4"',
      '1764000000.000001 [0 a:1] "PING" ',
    ]) {
      expect([line, parseMonitorLine(line)]).toEqual([line, null]);
    }
  });
});
