// CLIENT TRACKING, CACHING, GETREDIR, TRACKINGINFO and REPLY: unit tests
// against the server's state (the differential suite compares whole
// transcripts with redis-server); here what it cannot: the table's bound,
// CLIENT LIST's fields, and the state a connection leaves.
import { describe, expect, it } from 'vitest';
import { bulk, CommandHarness, err, int, OK } from '../../test/command-harness.js';

const invalidate = (...keys: string[]) =>
  `>2\r\n$10\r\ninvalidate\r\n*${keys.length}\r\n${keys.map(bulk).join('')}`;

function resp3(h: CommandHarness) {
  const client = h.connect();
  client.run('HELLO', '3');
  return client;
}

// CLIENT LIST's fields of the connection with `id`.
function listed(h: CommandHarness, id: number): Map<string, string> {
  const text = h.run('CLIENT', 'LIST', 'ID', String(id));
  const line = text.slice(text.indexOf('\r\n') + 2, text.lastIndexOf('\n'));
  return new Map(line.split(' ').map((field) => field.split('=', 2) as [string, string]));
}

describe('CLIENT TRACKING', () => {
  it('invalidates a key read once, after the reply of the command that changed it', () => {
    const h = new CommandHarness();
    const a = resp3(h);
    expect(a.run('CLIENT', 'TRACKING', 'ON')).toBe(OK);
    expect(a.run('GET', 'k')).toBe('_\r\n');
    expect(h.run('SET', 'k', '1')).toBe(OK);
    expect(h.run('SET', 'k', '2')).toBe(OK);
    expect(a.run('GET', 'k')).toBe(`${invalidate('k')}${bulk('2')}`);
    expect(a.run('SET', 'k', '3')).toBe(`+OK\r\n${invalidate('k')}`);
  });

  it('keeps the table within tracking-table-max-keys, dropping the oldest keys', () => {
    const h = new CommandHarness();
    const a = resp3(h);
    a.run('CLIENT', 'TRACKING', 'ON');
    expect(h.run('CONFIG', 'SET', 'tracking-table-max-keys', '2')).toBe(OK);
    expect(a.run('MGET', 'k1', 'k2')).toBe('*2\r\n_\r\n_\r\n');
    // A third key pushes the first out, told as if it changed.
    expect(a.run('GET', 'k3')).toBe(`_\r\n${invalidate('k1')}`);
    expect(a.run('MGET', 'k4', 'k5')).toBe(
      `*2\r\n_\r\n_\r\n${invalidate('k2')}${invalidate('k3')}`,
    );
    expect(h.run('INFO', 'stats')).toContain('tracking_total_keys:2\r\n');
    // 0: no limit.
    h.run('CONFIG', 'SET', 'tracking-table-max-keys', '0');
    a.run('MGET', 'a', 'b', 'c');
    expect(h.run('INFO', 'stats')).toContain('tracking_total_keys:5\r\n');
  });

  it('shows t, R and B and the redirection in CLIENT LIST', () => {
    const h = new CommandHarness();
    const target = h.connect();
    const a = h.connect();
    expect(listed(h, a.session.id).get('redir')).toBe('-1');
    a.run('CLIENT', 'TRACKING', 'ON', 'REDIRECT', String(target.session.id));
    let fields = listed(h, a.session.id);
    expect([fields.get('flags'), fields.get('redir')]).toEqual(['t', String(target.session.id)]);
    a.run('GET', 'k');
    target.session.kill();
    h.run('SET', 'k', 'v');
    fields = listed(h, a.session.id);
    expect([fields.get('flags'), fields.get('redir')]).toEqual(['tR', String(target.session.id)]);
    a.run('CLIENT', 'TRACKING', 'OFF');
    a.run('CLIENT', 'TRACKING', 'ON', 'BCAST');
    fields = listed(h, a.session.id);
    expect([fields.get('flags'), fields.get('redir')]).toEqual(['tB', '0']);
  });

  it('answers an overlap within the prefixes given with the error alone', () => {
    // Redis 7.0 also replies OK after the error here (its overlap check
    // returns the index as success); one reply keeps pipelines in step.
    const h = new CommandHarness();
    expect(
      h.run('CLIENT', 'TRACKING', 'ON', 'BCAST', 'PREFIX', 'a', 'PREFIX', 'b', 'PREFIX', 'bc'),
    ).toBe(
      err(
        "ERR Prefix 'b' overlaps with another provided prefix 'bc'. Prefixes for a single client must not overlap.",
      ),
    );
    expect(h.run('CLIENT', 'GETREDIR')).toBe(int(-1));
  });

  it('prints a prefix up to its first NUL in the overlap error, as %s does', () => {
    const h = new CommandHarness();
    expect(h.run('CLIENT', 'TRACKING', 'ON', 'BCAST', 'PREFIX', 'a\0z', 'PREFIX', 'a')).toBe(
      err(
        "ERR Prefix 'a' overlaps with another provided prefix 'a'. Prefixes for a single client must not overlap.",
      ),
    );
  });

  it('broadcasts at the end of the turn, to RESP3 connections and subscribed RESP2 targets', async () => {
    const h = new CommandHarness();
    const a = resp3(h);
    const target = h.connect();
    target.run('SUBSCRIBE', 'anything');
    const b = h.connect();
    a.run('CLIENT', 'TRACKING', 'ON', 'BCAST', 'PREFIX', 'u:');
    b.run('CLIENT', 'TRACKING', 'ON', 'BCAST', 'REDIRECT', String(target.session.id));
    h.run('MSET', 'u:2', 'x', 'v', 'y', 'u:1', 'z');
    expect(a.run('PING')).toBe('+PONG\r\n');
    await new Promise((resolve) => setImmediate(resolve));
    expect(a.run('PING')).toBe(`${invalidate('u:1', 'u:2')}+PONG\r\n`);
    expect(target.session.reply.flush().toString('latin1')).toBe(
      `*3\r\n$7\r\nmessage\r\n$20\r\n__redis__:invalidate\r\n*3\r\n${bulk('u:1')}${bulk('u:2')}${bulk('v')}`,
    );
  });

  it('counts clients in INFO until they turn tracking off', () => {
    const h = new CommandHarness();
    const a = h.connect();
    a.run('CLIENT', 'TRACKING', 'ON', 'BCAST', 'PREFIX', 'x');
    a.run('CLIENT', 'TRACKING', 'ON', 'BCAST', 'PREFIX', 'y');
    expect(h.run('INFO', 'clients')).toContain('tracking_clients:1\r\n');
    expect(h.run('INFO', 'stats')).toContain('tracking_total_prefixes:2\r\n');
    a.run('CLIENT', 'TRACKING', 'OFF');
    expect(h.run('INFO', 'clients')).toContain('tracking_clients:0\r\n');
    expect(h.run('INFO', 'stats')).toContain('tracking_total_prefixes:0\r\n');
    expect(a.run('CLIENT', 'TRACKINGINFO')).toBe(
      `*6\r\n${bulk('flags')}*1\r\n${bulk('off')}${bulk('redirect')}${int(-1)}${bulk('prefixes')}*0\r\n`,
    );
  });
});

describe('RESET', () => {
  it('turns tracking off; the keys it read stay counted until they change', () => {
    const h = new CommandHarness();
    const a = resp3(h);
    a.run('CLIENT', 'TRACKING', 'ON');
    a.run('GET', 'k');
    expect(a.run('RESET')).toBe('+RESET\r\n');
    expect(a.run('CLIENT', 'GETREDIR')).toBe(int(-1));
    expect(h.run('INFO', 'stats')).toContain('tracking_total_keys:1\r\n');
    expect(h.run('SET', 'k', 'v')).toBe(OK);
    expect(h.run('INFO', 'stats')).toContain('tracking_total_keys:0\r\n');
    expect(a.run('PING')).toBe('+PONG\r\n');
  });

  it('turns replies back on', () => {
    const h = new CommandHarness();
    h.run('CLIENT', 'REPLY', 'OFF');
    expect(h.run('RESET')).toBe('+RESET\r\n');
    expect(h.run('PING')).toBe('+PONG\r\n');
  });
});

describe('CLIENT REPLY', () => {
  it('OFF drops replies, errors included, until ON; SKIP drops the next one', () => {
    const h = new CommandHarness();
    expect(h.run('CLIENT', 'REPLY', 'OFF')).toBe('');
    expect(h.run('SET', 'k', 'v')).toBe('');
    expect(h.run('NOPE')).toBe('');
    expect(h.run('CLIENT', 'REPLY', 'ON')).toBe(OK);
    expect(h.run('GET', 'k')).toBe(bulk('v'));
    expect(h.run('CLIENT', 'REPLY', 'SKIP')).toBe('');
    expect(h.run('GET', 'k')).toBe('');
    expect(h.run('GET', 'k')).toBe(bulk('v'));
    expect(h.run('CLIENT', 'REPLY', 'maybe')).toBe(err('ERR syntax error'));
  });

  it('holds no more than one reply while muted', () => {
    const h = new CommandHarness();
    h.run('CLIENT', 'REPLY', 'OFF');
    for (let i = 0; i < 1000; i++) h.run('SET', `k${i}`, 'x'.repeat(1000));
    expect(h.client.session.reply.pendingBytes).toBe(0);
    expect(h.run('CLIENT', 'REPLY', 'ON')).toBe(OK);
    expect(h.run('DBSIZE')).toBe(int(1000));
  });
});
