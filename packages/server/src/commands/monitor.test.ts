// MONITOR: unit tests against the server's state, asserting Redis's reply
// bytes and the lines the feed carries (the handler writes them; see
// test/differential-monitor.test.ts for whole connections against Redis).
import { describe, expect, it } from 'vitest';
import { CommandHarness, err, type HarnessClient } from '../../test/command-harness.js';

// The lines waiting for `client`, without their timestamps.
function lines(client: HarnessClient): string[] {
  const receiver = client.session.monitor;
  if (receiver === null) return [];
  const seen: string[] = [];
  for (let result = receiver.tryRecv(); result.status === 'received'; result = receiver.tryRecv())
    seen.push(result.value.replace(/^\d+\.\d{6} /, ''));
  return seen;
}

describe('MONITOR', () => {
  it('replies OK, then ignores a second MONITOR without a reply', () => {
    const h = new CommandHarness();
    expect(h.db.monitors.active).toBe(false);
    expect(h.run('MONITOR')).toBe('+OK\r\n');
    expect(h.db.monitors.active).toBe(true);
    expect(h.run('MONITOR')).toBe('');
    expect(h.run('CLIENT', 'INFO')).toMatch(/ flags=O /);
  });

  it("shows other connections' commands, with their database and address, after they ran", () => {
    const h = new CommandHarness();
    const other = h.connect();
    h.run('MONITOR');
    other.run('SET', 'k', 'a "b"\n');
    other.run('SELECT', '5');
    other.run('GET', 'k');
    other.run('NOPE');
    other.run('CONFIG', 'GET', 'timeout');
    other.run('AUTH', 'pw');
    expect(lines(h.client)).toEqual([
      '[0 127.0.0.1:50001] "SET" "k" "a \\"b\\"\\n"',
      '[5 127.0.0.1:50001] "SELECT" "5"',
      '[5 127.0.0.1:50001] "GET" "k"',
      '[5 127.0.0.1:50001] "AUTH" "(redacted)"',
    ]);
  });

  it('refuses commands that touch the keyspace, as Redis refuses a replica', () => {
    const h = new CommandHarness();
    h.run('MONITOR');
    const refused = err("ERR Replica can't interact with the keyspace");
    expect(h.run('GET', 'k')).toBe(refused);
    expect(h.run('SET', 'k', 'v')).toBe(refused);
    expect(h.run('PUBLISH', 'c', 'm')).toBe(refused);
    expect(h.run('PING')).toBe('+PONG\r\n');
    expect(h.run('DBSIZE')).toBe(refused);
  });

  it('is refused inside EXEC, where every command needs a reply', () => {
    const h = new CommandHarness();
    h.run('MULTI');
    expect(h.run('MONITOR')).toBe('+QUEUED\r\n');
    expect(h.run('EXEC')).toBe(
      `*1\r\n${err("ERR MONITOR isn't allowed for DENY BLOCKING client")}`,
    );
    expect(h.db.monitors.active).toBe(false);
  });

  it('ends with RESET, and the feed goes quiet when the last monitor leaves', () => {
    const h = new CommandHarness();
    const other = h.connect();
    h.run('MONITOR');
    other.run('MONITOR');
    h.run('RESET');
    expect(h.client.session.monitor).toBeNull();
    expect(h.db.monitors.active).toBe(true);
    expect(h.run('GET', 'k')).toBe('$-1\r\n');
    other.run('RESET');
    expect(h.db.monitors.active).toBe(false);
    expect(h.run('CLIENT', 'INFO')).toMatch(/ flags=N /);
  });
});
