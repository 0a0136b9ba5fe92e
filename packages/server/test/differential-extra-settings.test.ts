// Redis 7.0's settings this server keeps without acting on them
// (extra-settings.ts), against a real redis-server: CONFIG GET of each by
// name, alias and pattern gives Redis's default; CONFIG SET of each
// mutable one with values of every kind (good, out of range, of another
// type, empty) gives Redis's reply, and CONFIG GET what Redis then holds;
// the immutable ones are refused alike. The values this server refuses on
// purpose, where Redis would act (a TLS port, min-replicas-to-write, TLS
// for replication and cluster links, active defragmentation, which
// depends on how that redis-server was built), are checked on their own.
import { describe, expect, it } from 'vitest';
import { EXTRA_ALIASES, EXTRA_SETTINGS } from '../src/extra-settings.js';
import { compareEach, hasRedis, rawExchange, useDifferentialServers } from './helpers.js';

// Values of every kind each mutable setting is sent.
const PROBES = [
  'zz!',
  '',
  'yes',
  'NO',
  '0',
  '1',
  '7',
  '-1',
  '99',
  '100',
  '1001',
  '65536',
  '1kb',
  '2mb',
  '-9223372036854775808',
  '9223372036854775807',
  '18446744073709551615',
  '1e3',
  'everysec',
  'always',
  'clients',
  'on-empty-db',
  'hostname',
  'optional',
  'absolute',
  'panic',
  'force nosave',
  'save nosave',
  'now default',
  'a-b.c',
  'a_b',
  '{title} {port}',
  '{title}',
  '{{ {unixsocket} {listen-addr}',
  '{nope}',
  '{port',
  '1 2 3',
  '1 2',
  '-2001 0 0',
];

// What Redis would act on, and this server refuses instead (see above).
const ACTED_ON: Readonly<Record<string, (value: string) => boolean>> = {
  'tls-port': (value) => value !== '0',
  'min-replicas-to-write': (value) => value !== '0',
  'tls-replication': (value) => value.toLowerCase() === 'yes',
  'tls-cluster': (value) => value.toLowerCase() === 'yes',
  activedefrag: (value) => value.toLowerCase() === 'yes',
};

const aliasesOf = (name: string) =>
  [...EXTRA_ALIASES].filter(([, setting]) => setting === name).map(([alias]) => alias);

describe.skipIf(!hasRedis())('differential: the settings kept without effect', () => {
  const ports = useDifferentialServers();
  const names = [...EXTRA_SETTINGS.keys()];

  it("reads each at Redis's default, by name, alias, upper case and pattern", async () => {
    await compareEach(ports, [
      ...names.map((name) => ['CONFIG', 'GET', name]),
      ...[...EXTRA_ALIASES.keys()].map((alias) => ['CONFIG', 'GET', alias]),
      ['CONFIG', 'GET', 'HZ'],
      ['CONFIG', 'GET', 'Slave-Priority'],
    ]);
    // A pattern's matches come in Redis's hashtable order: compared as sets.
    const pairs = (reply: string) => {
      const words = reply.split('\r\n').filter((line) => !/^[*$]/.test(line));
      const found: string[] = [];
      for (let i = 0; i + 1 < words.length; i += 2) found.push(`${words[i]}=${words[i + 1]}`);
      return found.sort();
    };
    for (const pattern of ['lazyfree-*', 'tls-*', 'repl*', 'cluster-*', 'active*', 'aof*', '*']) {
      const command = [['CONFIG', 'GET', pattern]];
      const [theirs, ours] = await Promise.all([
        rawExchange(ports.redis, command),
        rawExchange(ports.ours, command),
      ]);
      if (pattern === '*') {
        // Every extra setting is among ours, at Redis's value.
        const mine = new Set(pairs(ours));
        const missing = pairs(theirs).filter((pair) => {
          const name = pair.slice(0, pair.indexOf('='));
          return (EXTRA_SETTINGS.has(name) || EXTRA_ALIASES.has(name)) && !mine.has(pair);
        });
        expect(missing).toEqual([]);
      } else expect([pattern, pairs(ours)]).toEqual([pattern, pairs(theirs)]);
    }
  });

  it('sets each mutable one with values of every kind as Redis does, and refuses the immutable ones', async () => {
    const commands: string[][] = [];
    const reset: string[][] = [];
    for (const [name, setting] of EXTRA_SETTINGS) {
      const spellings = [name, ...aliasesOf(name)];
      if (!setting.mutable) {
        for (const spelled of spellings) commands.push(['CONFIG', 'SET', spelled, setting.default]);
        continue;
      }
      for (const value of PROBES) {
        if (ACTED_ON[name]?.(value)) continue;
        commands.push(['CONFIG', 'SET', name, value], ['CONFIG', 'GET', name]);
      }
      // An alias sets the setting; with it, the two are no duplicates.
      const allowed = (value: string) => (ACTED_ON[name]?.(value) ? '0' : value);
      for (const alias of aliasesOf(name)) {
        commands.push(['CONFIG', 'SET', alias, allowed('7')], ['CONFIG', 'GET', name]);
        commands.push(
          ['CONFIG', 'SET', name, allowed('8'), alias, allowed('9')],
          ['CONFIG', 'GET', alias],
        );
      }
      commands.push(['CONFIG', 'SET', name, setting.default, name.toUpperCase(), setting.default]);
      reset.push(['CONFIG', 'SET', name, setting.default]);
    }
    // Several at once: all or none.
    commands.push(
      ['CONFIG', 'SET', 'hz', '20', 'appendfsync', 'always', 'repl-timeout', '0'],
      ['CONFIG', 'GET', 'hz'],
      ['CONFIG', 'SET', 'hz', '20', 'maxmemory-samples', '3', 'repl-timeout', '30'],
      ['CONFIG', 'GET', 'hz'],
      ['CONFIG', 'GET', 'maxmemory-samples'],
      ['CONFIG', 'GET', 'repl-timeout'],
      ['CONFIG', 'SET', 'hz', '20', 'daemonize', 'no'],
    );
    reset.push(['CONFIG', 'SET', 'maxmemory-samples', '5']);
    await compareEach(ports, commands, { reset });
  });

  it('refuses, with the reason, what Redis would act on and this server cannot do', async () => {
    const failed = (name: string, reason: string) =>
      `-ERR CONFIG SET failed (possibly related to argument '${name}') - ${reason}\r\n`;
    expect(
      await rawExchange(ports.ours, [
        ['CONFIG', 'SET', 'tls-port', '6380'],
        ['CONFIG', 'SET', 'min-slaves-to-write', '1'],
        ['CONFIG', 'SET', 'activedefrag', 'yes'],
        ['CONFIG', 'GET', 'tls-port', 'min-replicas-to-write', 'activedefrag'],
        // Inert here, as there is neither replication nor a cluster.
        ['CONFIG', 'SET', 'tls-replication', 'yes', 'tls-cluster', 'yes'],
        ['CONFIG', 'GET', 'tls-replication', 'tls-cluster'],
        ['CONFIG', 'SET', 'tls-replication', 'no', 'tls-cluster', 'no'],
      ]),
    ).toBe(
      [
        failed('tls-port', 'this server does not serve TLS; put a TLS proxy in front of it'),
        failed(
          'min-slaves-to-write',
          'this server does not replicate (no replicas, no replicaof), so every write would be refused',
        ),
        failed(
          'activedefrag',
          'Active defragmentation cannot be enabled: it requires a Redis server compiled with a modified Jemalloc like the one shipped by default with the Redis source distribution',
        ),
        '*6\r\n$8\r\ntls-port\r\n$1\r\n0\r\n$21\r\nmin-replicas-to-write\r\n$1\r\n0\r\n$12\r\nactivedefrag\r\n$2\r\nno\r\n',
        '+OK\r\n',
        '*4\r\n$15\r\ntls-replication\r\n$3\r\nyes\r\n$11\r\ntls-cluster\r\n$3\r\nyes\r\n',
        '+OK\r\n',
      ].join(''),
    );
  });
});
