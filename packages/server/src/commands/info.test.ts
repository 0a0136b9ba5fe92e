// INFO: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { CommandHarness } from '../../test/command-harness.js';

// The text of INFO's bulk reply, checking its length prefix.
function text(reply: string): string {
  const match = /^\$(\d+)\r\n([\s\S]*)\r\n$/.exec(reply);
  expect(match).not.toBeNull();
  expect(Buffer.byteLength(match![2]!)).toBe(Number(match![1]));
  return match![2]!;
}

describe('INFO', () => {
  it('replies with every default section, each headed as Redis heads it', () => {
    const info = text(new CommandHarness().run('INFO'));
    const headings = info.split('\r\n').filter((line) => line.startsWith('# '));
    expect(headings).toEqual([
      '# Server',
      '# Clients',
      '# Memory',
      '# Persistence',
      '# Stats',
      '# Replication',
      '# Keyspace',
    ]);
    expect(info).toContain('\r\nredis_version:7.0.15\r\n');
    expect(info).toContain('\r\nrole:master\r\n');
    // ioredis's ready check reads `loading:0`.
    expect(info).toContain('\r\nloading:0\r\n');
  });

  it('reports the keyspace per database, counting expiring keys', () => {
    const h = new CommandHarness();
    h.run('MSET', 'a', '1', 'b', '2');
    h.run('SET', 'c', '3', 'EX', '10');
    h.run('SELECT', '3');
    h.run('SET', 'd', '4');
    expect(text(h.run('INFO', 'keyspace'))).toBe(
      '# Keyspace\r\ndb0:keys=3,expires=1,avg_ttl=0\r\ndb3:keys=1,expires=0,avg_ttl=0\r\n',
    );
  });

  it('reports connected clients and commands processed', () => {
    const h = new CommandHarness();
    h.connect();
    h.run('PING');
    const clients = text(h.run('INFO', 'CLIENTS', 'stats'));
    expect(clients).toContain('# Clients\r\nconnected_clients:2\r\n');
    expect(clients).toContain('total_commands_processed:2\r\n');
  });

  it('replies with an empty text for an unknown section', () => {
    expect(new CommandHarness().run('INFO', 'nonsense')).toBe('$0\r\n\r\n');
  });

  it('replies with a verbatim string in RESP3', () => {
    const h = new CommandHarness();
    h.run('HELLO', '3');
    expect(h.run('INFO', 'replication')).toBe(
      '=52\r\ntxt:# Replication\r\nrole:master\r\nconnected_slaves:0\r\n\r\n',
    );
  });
  it('counts the watching clients and the keys they watch', () => {
    const h = new CommandHarness();
    const other = h.connect();
    h.run('WATCH', 'a', 'b');
    other.run('WATCH', 'b');
    other.run('SELECT', '1');
    other.run('WATCH', 'b');
    const clients = text(h.run('INFO', 'clients'));
    expect(clients).toContain('\r\nwatching_clients:2\r\n');
    // a and b in db 0, b in db 1.
    expect(clients).toContain('\r\ntotal_watched_keys:3\r\n');
    h.run('UNWATCH');
    expect(text(h.run('INFO', 'clients'))).toContain('\r\ntotal_watched_keys:2\r\n');
  });
});
