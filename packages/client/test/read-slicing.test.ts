// The manager's read sizing (src/actor/read-slicing.ts), step by step, and
// what it is for, seen from the callers.
import { Socket } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { MAX_READ, ReadSlicer } from '../src/actor/read-slicing.js';
import { createClient } from '../src/index.js';
import { ControlledServer, until } from './controlled-server.js';

// One read of `bytes` that completed `requests` requests; returns the next size.
function read(slicer: ReadSlicer, bytes: number, requests: number, inFlight: number): number {
  slicer.read(bytes);
  slicer.completed += requests;
  return slicer.next(inFlight);
}

describe('ReadSlicer', () => {
  it('starts with 256-byte reads, a group of 32 short replies', () => {
    const slicer = new ReadSlicer();
    expect(slicer.next(0)).toBe(256);
    // 32 replies of 8 bytes (+OK and $5 value, alternating): the average stays 8.
    expect(read(slicer, 256, 32, 68)).toBe(256);
  });

  it('aims at a quarter of the requests in flight when that is more than 32', () => {
    const slicer = new ReadSlicer();
    slicer.next(0);
    // 1,000 in flight: groups of 250 replies of 8 bytes, 2,000 bytes, rounded up to 2,048.
    expect(read(slicer, 256, 32, 968)).toBe(2048);
  });

  it('follows larger replies with a moving average, in powers of two', () => {
    const slicer = new ReadSlicer();
    slicer.next(0);
    // 100-byte replies: the average moves a quarter of the way from 8 to 100, to 31.
    expect(read(slicer, 200, 2, 98)).toBe(1024); // 31 * 32 = 992
    // Then 54 (1,728 bytes a group), 71 (2,272 bytes): both nearest 2,048.
    expect(read(slicer, 1000, 10, 88)).toBe(2048);
    expect(read(slicer, 1000, 10, 78)).toBe(2048);
    // One read of 1,000-byte replies: 303 (9,707 bytes a group), nearest 8,192.
    expect(read(slicer, 2000, 2, 76)).toBe(8192);
  });

  it('reads the most after a full read that completed nothing (a large reply in progress)', () => {
    const slicer = new ReadSlicer();
    slicer.next(0);
    expect(read(slicer, 256, 0, 1)).toBe(MAX_READ);
    expect(read(slicer, MAX_READ, 0, 1)).toBe(MAX_READ);
    // A partial read that completed nothing keeps the size it had.
    expect(read(slicer, 1000, 0, 1)).toBe(MAX_READ);
  });

  it('keeps the size after a short read that completed nothing (a reply split by the network)', () => {
    const slicer = new ReadSlicer();
    slicer.next(0);
    expect(read(slicer, 100, 0, 1)).toBe(256);
  });

  it('comes back down to 256 bytes once large replies give way to short ones', () => {
    const slicer = new ReadSlicer();
    slicer.next(0);
    read(slicer, 256, 0, 1);
    // One 200 KB reply completes in the last of its 64 KiB reads: the
    // average jumps to 16,390 bytes.
    expect(read(slicer, MAX_READ, 1, 0)).toBe(MAX_READ);
    let size = MAX_READ;
    let reads = 0;
    while (size > 256) {
      size = read(slicer, 800, 100, 0);
      reads++;
    }
    // Each read of 8-byte replies takes a quarter off the distance to 8;
    // below 11.3 bytes (362 a group) the nearest power of two is 256.
    expect(reads).toBe(30);
  });
});

describe('createClient reading in slices', () => {
  it("writes the first callers' next commands before the last callers' replies are handed out", async () => {
    const server = await new ControlledServer().start();
    const client = createClient(`127.0.0.1:${server.port}`);
    onTestFinished(async () => {
      await client.close();
      await server.stop();
    });
    const callers = 400;
    const events: string[] = [];
    const loops = Array.from({ length: callers }, async (_, i) => {
      await client.get(`k${i}`);
      events.push(`continued ${i}`);
      await client.get(`k${i}`);
    });
    await until(() => server.pending === callers);
    // The 400 replies go out in one write (2,000 bytes); the client reads
    // them in slices of 1,024 bytes (a quarter of those in flight, at the
    // average reply size its handshake left).
    server.reply(callers);
    const write = Socket.prototype.write;
    Socket.prototype.write = function (this: Socket, ...args: unknown[]) {
      events.push('write');
      return (write as (...a: unknown[]) => boolean).apply(this, args);
    } as typeof write;
    try {
      await until(() => server.pending === callers);
    } finally {
      Socket.prototype.write = write;
    }
    server.reply(callers);
    await Promise.all(loops);
    const firstWrite = events.indexOf('write');
    expect(events.filter((event) => event.startsWith('continued'))).toHaveLength(callers);
    expect(firstWrite).toBeGreaterThan(0);
    // Read all at once, every caller would continue before the one write.
    expect(firstWrite).toBeLessThan(events.indexOf(`continued ${callers - 1}`));
    expect(events.filter((event) => event === 'write').length).toBeGreaterThan(1);
  });
});
