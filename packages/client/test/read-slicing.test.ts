// The manager's read sizing (src/actor/read-slicing.ts) and the contention
// signal that pauses it (src/actor/cpu-contention.ts), step by step, and
// what slicing is for, seen from the callers.
import { Socket } from 'node:net';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { CpuContention, threadCpuContention } from '../src/actor/cpu-contention.js';
import { MAX_READ, ReadSlicer } from '../src/actor/read-slicing.js';
import { createClient } from '../src/index.js';
import { ControlledServer, until } from './controlled-server.js';

// One read of `bytes` that completed `requests` requests; returns the next size.
function read(slicer: ReadSlicer, bytes: number, requests: number, inFlight: number): number {
  slicer.read(bytes);
  slicer.completed += requests;
  return slicer.next(inFlight);
}

// A thread's schedstat as Linux prints it, with `waitedNs` waited so far.
const schedstat = (waitedNs: number) => `445420031 ${waitedNs} 57\n`;

// A thread that waits `share` of every 50 ms from now on; `clock` is the
// time in milliseconds, and `samples` counts the reads of the statistics.
function fakeThread() {
  const thread = { clock: 0, share: 0, waitedNs: 0, samples: 0 };
  const contention = new CpuContention(
    () => {
      thread.samples++;
      return schedstat(thread.waitedNs);
    },
    () => thread.clock,
  );
  // Lets `ms` pass, waiting `share` of it.
  const pass = (ms: number) => {
    thread.clock += ms;
    thread.waitedNs += ms * 1e6 * thread.share;
  };
  return { thread, contention, pass };
}

// Slicing as on a thread that never waits for a CPU.
const uncontended = () =>
  new ReadSlicer(
    new CpuContention(
      () => schedstat(0),
      () => 0,
    ),
  );

describe('CpuContention', () => {
  it('counts as contended once the smoothed wait share reaches 0.2, and until it falls below 0.1', () => {
    const { thread, contention, pass } = fakeThread();
    const seen: [number, boolean][] = [];
    expect(contention.contended()).toBe(false); // the first sample sets the baseline
    // Each 50 ms window weighs half: 0.35 a window gives 0.175, then 0.2625.
    // Back at 0.05: 0.15625 (stays contended), then 0.103, then 0.077.
    for (const share of [0.35, 0.35, 0.05, 0.05, 0.05]) {
      thread.share = share;
      pass(50);
      seen.push([share, contention.contended()]);
    }
    expect(seen).toEqual([
      [0.35, false],
      [0.35, true],
      [0.05, true],
      [0.05, true],
      [0.05, false],
    ]);
  });

  it('takes one sample per 50 ms at most, however often it is asked', () => {
    const { thread, contention, pass } = fakeThread();
    thread.share = 0.5;
    for (let i = 0; i < 100; i++) {
      contention.contended();
      pass(1);
    }
    // At 0, 50 and 100 ms (the last asked at 99 ms, so two windows).
    expect(thread.samples).toBe(2);
    pass(1);
    // 0.5 for the one window: smoothed 0.25.
    expect(contention.contended()).toBe(true);
    expect(thread.samples).toBe(3);
  });

  it('never counts as contended, and stops trying, where the statistics cannot be read', () => {
    let reads = 0;
    let clock = 0;
    const missing = new CpuContention(
      () => {
        reads++;
        throw Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' });
      },
      () => clock,
    );
    for (let i = 0; i < 10; i++) {
      expect(missing.contended()).toBe(false);
      clock += 100;
    }
    expect(reads).toBe(1);
  });

  it('treats text it cannot parse as no statistics', () => {
    let clock = 0;
    let text = 'garbage';
    const odd = new CpuContention(
      () => text,
      () => clock,
    );
    expect(odd.contended()).toBe(false);
    // Even when sensible figures come later: it gave up on the first.
    text = schedstat(10e9);
    clock += 100;
    expect(odd.contended()).toBe(false);
  });

  it("reads this thread's real statistics on Linux without throwing", () => {
    // Whatever the machine's load, the answer is a boolean and no sample throws.
    expect(typeof new CpuContention().contended()).toBe('boolean');
  });
});

describe('ReadSlicer', () => {
  it('starts with 256-byte reads, a group of 32 short replies', () => {
    const slicer = uncontended();
    expect(slicer.next(0)).toBe(256);
    // 32 replies of 8 bytes (+OK and $5 value, alternating): the average stays 8.
    expect(read(slicer, 256, 32, 68)).toBe(256);
  });

  it('aims at a quarter of the requests in flight when that is more than 32', () => {
    const slicer = uncontended();
    slicer.next(0);
    // 1,000 in flight: groups of 250 replies of 8 bytes, 2,000 bytes, rounded up to 2,048.
    expect(read(slicer, 256, 32, 968)).toBe(2048);
  });

  it('follows larger replies with a moving average, in powers of two', () => {
    const slicer = uncontended();
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
    const slicer = uncontended();
    slicer.next(0);
    expect(read(slicer, 256, 0, 1)).toBe(MAX_READ);
    expect(read(slicer, MAX_READ, 0, 1)).toBe(MAX_READ);
    // A partial read that completed nothing keeps the size it had.
    expect(read(slicer, 1000, 0, 1)).toBe(MAX_READ);
  });

  it('keeps the size after a short read that completed nothing (a reply split by the network)', () => {
    const slicer = uncontended();
    slicer.next(0);
    expect(read(slicer, 100, 0, 1)).toBe(256);
  });

  it('comes back down to 256 bytes once large replies give way to short ones', () => {
    const slicer = uncontended();
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

describe('ReadSlicer on a thread contended for CPU', () => {
  it('reads the most while contended, and resumes slicing at the size the replies call for', () => {
    const { thread, contention, pass } = fakeThread();
    const slicer = new ReadSlicer(contention);
    slicer.next(0);
    expect(read(slicer, 256, 32, 68)).toBe(256); // the baseline sample
    thread.share = 0.4;
    pass(50);
    expect(read(slicer, 256, 32, 68)).toBe(MAX_READ); // smoothed 0.2
    // 100-byte replies meanwhile: the average goes on to 31, then 48 bytes,
    // still in whole reads (smoothed 0.3, then 0.35).
    pass(50);
    expect(read(slicer, 200, 2, 98)).toBe(MAX_READ);
    pass(50);
    expect(read(slicer, 1000, 10, 88)).toBe(MAX_READ);
    // The machine frees up: 0.35 halves to 0.175 (still contended), then to
    // 0.0875, below 0.1: slices again, of 71 bytes times 32 requests,
    // nearest 2,048.
    thread.share = 0;
    for (const expected of [MAX_READ, 2048]) {
      pass(50);
      expect(read(slicer, 1000, 10, 78)).toBe(expected);
    }
  });

  it('takes no samples for reads with nothing in flight', () => {
    const { thread, contention, pass } = fakeThread();
    const slicer = new ReadSlicer(contention);
    for (let i = 0; i < 5; i++) {
      pass(100);
      expect(read(slicer, 8, 1, 0)).toBe(256);
    }
    expect(thread.samples).toBe(0);
  });
});

describe('createClient reading in slices', () => {
  it("writes the first callers' next commands before the last callers' replies are handed out", async () => {
    // Slicing pauses while this thread waits for a CPU (as it may in a busy
    // test run); this test is about slicing itself.
    vi.spyOn(threadCpuContention, 'contended').mockReturnValue(false);
    onTestFinished(() => {
      vi.restoreAllMocks();
    });
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
