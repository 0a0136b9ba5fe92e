// INFO: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { CommandHarness } from '../../test/command-harness.js';
import { bytesToHuman } from '../memory-stats.js';

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
      '# CPU',
      '# Modules',
      '# Errorstats',
      '# Cluster',
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

  it('adds commandstats and latencystats for all and everything, in Redis 7.0 order', () => {
    for (const name of ['all', 'EVERYTHING']) {
      const info = text(new CommandHarness().run('INFO', name));
      const headings = info.split('\r\n').filter((line) => line.startsWith('# '));
      expect(headings).toEqual([
        '# Server',
        '# Clients',
        '# Memory',
        '# Persistence',
        '# Stats',
        '# Replication',
        '# CPU',
        '# Modules',
        '# Commandstats',
        '# Errorstats',
        '# Latencystats',
        '# Cluster',
        '# Keyspace',
      ]);
    }
  });

  it('lists named sections in Redis order, whatever the order asked, default adding its own', () => {
    const h = new CommandHarness();
    const headings = (info: string) => info.split('\r\n').filter((line) => line.startsWith('# '));
    expect(headings(text(h.run('INFO', 'keyspace', 'CLUSTER', 'module_list')))).toEqual([
      '# Modules',
      '# Cluster',
      '# Keyspace',
    ]);
    expect(headings(text(h.run('INFO', 'commandstats', 'default')))).toContain('# Commandstats');
    expect(text(h.run('INFO', 'modules', 'cluster'))).toBe(
      '# Modules\r\n\r\n# Cluster\r\ncluster_enabled:0\r\n',
    );
  });

  it('counts calls, rejected and failed calls, and error kinds', () => {
    const h = new CommandHarness();
    h.run('SET', 'a', '1');
    h.run('GET', 'a');
    h.run('GET', 'missing');
    h.run('LPUSH', 'a', 'x');
    h.run('GET');
    h.run('NOSUCH');
    h.run('MULTI');
    h.run('INCR', 'a');
    h.run('LPUSH', 'a', 'x');
    h.run('EXEC');
    const stats = text(h.run('INFO', 'commandstats'));
    const counts = (name: string) =>
      new RegExp(
        `cmdstat_${name}:calls=(\\d+),usec=\\d+,usec_per_call=[\\d.]+,rejected_calls=(\\d+),failed_calls=(\\d+)`,
      )
        .exec(stats)
        ?.slice(1)
        .map(Number);
    expect(counts('set')).toEqual([1, 0, 0]);
    expect(counts('get')).toEqual([2, 1, 0]);
    // One WRONGTYPE alone, one inside EXEC: each LPUSH's own, not EXEC's.
    expect(counts('lpush')).toEqual([2, 0, 2]);
    expect(counts('incr')).toEqual([1, 0, 0]);
    expect(counts('exec')).toEqual([1, 0, 0]);
    expect(text(h.run('INFO', 'errorstats'))).toBe(
      '# Errorstats\r\nerrorstat_ERR:count=2\r\nerrorstat_WRONGTYPE:count=2\r\n',
    );
    const general = text(h.run('INFO', 'stats'));
    expect(general).toContain('\r\nkeyspace_hits:1\r\nkeyspace_misses:1\r\n');
    expect(general).toContain('\r\ntotal_error_replies:4\r\n');
    h.run('CONFIG', 'RESETSTAT');
    // RESETSTAT counts itself, after the reset; this INFO is counted after its reply.
    expect(text(h.run('INFO', 'commandstats'))).toMatch(
      /^# Commandstats\r\ncmdstat_config\|resetstat:calls=1,usec=\d+,usec_per_call=[\d.]+,rejected_calls=0,failed_calls=0\r\n$/,
    );
    expect(text(h.run('INFO', 'errorstats'))).toBe('# Errorstats\r\n');
  });

  it('replies with an empty text for an unknown section', () => {
    expect(new CommandHarness().run('INFO', 'nonsense')).toBe('$0\r\n\r\n');
  });

  it('replies with a verbatim string in RESP3', () => {
    const h = new CommandHarness();
    h.run('HELLO', '3');
    const body =
      'txt:# Replication\r\nrole:master\r\nconnected_slaves:0\r\nmaster_failover_state:no-failover\r\n' +
      `master_replid:${h.server.replicationId}\r\nmaster_replid2:${'0'.repeat(40)}\r\n` +
      'master_repl_offset:0\r\nsecond_repl_offset:-1\r\nrepl_backlog_active:0\r\n' +
      'repl_backlog_size:1048576\r\nrepl_backlog_first_byte_offset:0\r\nrepl_backlog_histlen:0\r\n';
    expect(h.run('INFO', 'replication')).toBe(`=${body.length}\r\n${body}\r\n`);
  });

  it('writes byte counts as Redis writes them for people', () => {
    expect(
      [0, 1023, 1024, 1536, 13_460_560, 25_276_510_208, 1024 ** 4, 1024 ** 5].map(bytesToHuman),
    ).toEqual(['0B', '1023B', '1.00K', '1.50K', '12.84M', '23.54G', '1.00T', '1.00P']);
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
