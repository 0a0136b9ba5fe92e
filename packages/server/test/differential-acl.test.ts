// ACL against a real redis-server, reply bytes compared: the rules of ACL
// SETUSER and their errors, the users as GETUSER and LIST describe them,
// AUTH and HELLO as other users, the NOPERM refusals of commands, keys and
// channels (at the top level, queued in MULTI, at EXEC, in scripts), ACL
// LOG, DRYRUN, CAT, connections closed by DELUSER and by channels taken
// away, requirepass as the default user's password, and the ACL file.
//
// Redis walks its command table in its hash table's order, seeded at
// random per process, so the single-command rules of a description and
// the lists of ACL CAT come in an order that changes from one
// redis-server to the next: `normalize` sorts them before comparing.

import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from '../src/index.js';
import {
  compareEach,
  hasRedis,
  RawClient,
  type RealRedis,
  seededRandom,
  startRealRedis,
  startServer,
  useDifferentialServers,
} from './helpers.js';

const enabled = hasRedis();

const hashOf = (password: string) => createHash('sha256').update(password).digest('hex');

// Sorts each run of single-command rules (`+get -set +client|list`) in a
// description, so that Redis's random order compares with ours.
function sortCommandRules(text: string): string {
  const tokens = text.replace(/\(/g, '( ').replace(/\)/g, ' )').split(' ');
  const out: string[] = [];
  let run: string[] = [];
  const flush = () => {
    out.push(...run.sort());
    run = [];
  };
  for (const token of tokens) {
    if (/^[+-][^@]/.test(token)) run.push(token);
    else {
      flush();
      out.push(token);
    }
  }
  flush();
  return out.join(' ').replace(/\( /g, '(').replace(/ \)/g, ')');
}

// Every bulk string of a reply with its command rules sorted (lengths are
// unchanged by sorting); ACL LOG's age and client line masked but for the
// fields that must agree.
function normalize(reply: string): string {
  return reply
    .replace(/(\r\nid\r\n):\d+/g, '$1:<id>')
    .replace(/(age-seconds\r\n)(\$\d+\r\n[^\r]*|,[^\r]*)\r\n/g, '$1<age>\r\n')
    .replace(
      /(client-info\r\n)\$\d+\r\n[^\r]*(flags=\S+) .*(cmd=\S+ user=\S+)[^\r]*\r\n/g,
      '$1$2 $3\r\n',
    )
    .replace(/(\$\d+\r\n)([^\r]*)\r\n/g, (_, header: string, body: string) =>
      /[+-]@/.test(body) ? `${header}${sortCommandRules(body)}\r\n` : `${header}${body}\r\n`,
    );
}

// An array reply of bulk strings, its elements sorted.
function sortedArray(reply: string): string {
  const [header, ...rest] = reply.split('\r\n');
  const items: string[] = [];
  for (let i = 0; i + 1 < rest.length; i += 2) items.push(`${rest[i]}\r\n${rest[i + 1]}\r\n`);
  return `${header}\r\n${items.sort().join('')}`;
}

// Sends each command to both on one connection each, and expects the same
// bytes back (normalized).
function compare(
  ports: { redis: number; ours: number },
  commands: readonly (readonly string[])[],
  shape: (reply: string) => string = normalize,
): Promise<void> {
  return compareEach(ports, commands, { normalize: shape });
}

// Two connections per server, A and B, driven step by step: each step
// names the connection and the command; the replies are compared.
async function compareTwo(
  ports: { redis: number; ours: number },
  steps: readonly (readonly ['A' | 'B', ...string[]])[],
): Promise<{ theirs: RawClient[]; mine: RawClient[] }> {
  const theirs = [await RawClient.connect(ports.redis), await RawClient.connect(ports.redis)];
  const mine = [await RawClient.connect(ports.ours), await RawClient.connect(ports.ours)];
  for (const [who, ...command] of steps) {
    const at = who === 'A' ? 0 : 1;
    theirs[at]!.send([command]);
    mine[at]!.send([command]);
    const [expected, actual] = await Promise.all([theirs[at]!.read(1), mine[at]!.read(1)]);
    expect(normalize(actual), `${who}: ${command.join(' ')}`).toBe(normalize(expected));
  }
  return { theirs, mine };
}

describe.skipIf(!enabled)('differential: ACL users and rules', () => {
  const ports = useDifferentialServers();

  it('describes users built from every kind of rule', async () => {
    await compare(ports, [
      ['ACL', 'LIST'],
      ['ACL', 'USERS'],
      ['ACL', 'GETUSER', 'default'],
      ['ACL', 'SETUSER', 'plain'],
      ['ACL', 'GETUSER', 'plain'],
      ['ACL', 'SETUSER', 'a1', 'on', '>secret', '>other', '+get', '+set', '~k*', '&ch*'],
      ['ACL', 'GETUSER', 'a1'],
      ['ACL', 'SETUSER', 'a1', '<other', `#${'a'.repeat(64)}`, '-set', '+client|list'],
      ['ACL', 'GETUSER', 'a1'],
      ['ACL', 'SETUSER', 'a2', '+@all', '-@dangerous', '+flushall', '-get', 'allkeys'],
      ['ACL', 'GETUSER', 'a2'],
      ['ACL', 'SETUSER', 'a3', '+@read', '+@write', '-@hash', '%R~r:*', '%W~w:*', '%RW~rw:*'],
      ['ACL', 'GETUSER', 'a3'],
      ['ACL', 'SETUSER', 'a4', '-@all', '+select|0', '+select|1', '+SELECT|0', '+config|get'],
      ['ACL', 'GETUSER', 'a4'],
      ['ACL', 'SETUSER', 'a5', 'nopass', 'skip-sanitize-payload', '(+get ~x)', '(+set', '~y)'],
      ['ACL', 'GETUSER', 'a5'],
      ['ACL', 'SETUSER', 'a5', 'clearselectors', 'sanitize-payload', 'resetpass'],
      ['ACL', 'GETUSER', 'a5'],
      ['ACL', 'SETUSER', 'a6', 'on', 'allcommands', 'allkeys', 'allchannels', 'reset'],
      ['ACL', 'GETUSER', 'a6'],
      ['ACL', 'SETUSER', 'a7', '%R~a', '%W~a', '%RW', '~b', '~b', '&c', '&c', 'nocommands'],
      ['ACL', 'GETUSER', 'a7'],
      ['ACL', 'SETUSER', 'a8', '+@admin', '-@slow', '+@pubsub', '+acl|whoami', '-client'],
      ['ACL', 'GETUSER', 'a8'],
      ['ACL', 'SETUSER', 'a9', '+@all', '-client', '+client|id', '-config|set', '+memory'],
      ['ACL', 'GETUSER', 'a9'],
      ['ACL', 'SETUSER', 'a10', '(', '+get', ')', '("+set" \'~quoted key\')', '(~"unbalanced)'],
      ['ACL', 'GETUSER', 'a10'],
      ['ACL', 'SETUSER', 'a11', '+@ALL', '-@Dangerous', '+@string', '-@keyspace', '+@blocking'],
      ['ACL', 'GETUSER', 'a11'],
      // Bytes above 0x7f in a name, a password, a pattern and a first argument.
      ['ACL', 'SETUSER', 'caf\xe9', 'on', '>p\xe4ss', '~k\xfc*', '&\xe7h', '-@all', '+select|\xe9'],
      ['ACL', 'GETUSER', 'caf\xe9'],
      ['AUTH', 'caf\xe9', 'p\xe4ss'],
      ['ACL', 'WHOAMI'],
      ['ACL', 'DRYRUN', 'caf\xe9', 'get', 'k\xfc1'],
      ['AUTH', 'default', 'any'],
      ['ACL', 'LIST'],
      ['ACL', 'USERS'],
      // RESP3: a map, the flags a set, an unknown user a null.
      ['HELLO', '3'],
      ['ACL', 'GETUSER', 'a5'],
      ['ACL', 'GETUSER', 'a1'],
      ['ACL', 'GETUSER', 'nobody'],
      ['AUTH', 'a1', 'wrong'],
      ['ACL', 'LOG', '1'],
    ]);
  });

  it('refuses bad rules with Redis’s reasons, changing nothing', async () => {
    await compare(ports, [
      ['ACL', 'SETUSER', 'b1', 'on', '+get'],
      ['ACL', 'SETUSER', 'b1', 'off', '+nosuchcommand'],
      ['ACL', 'SETUSER', 'b1', '+@nosuchcategory'],
      ['ACL', 'SETUSER', 'b1', 'bogus'],
      ['ACL', 'SETUSER', 'b1', 'allkeys', '~x'],
      ['ACL', 'SETUSER', 'b1', 'allchannels', '&x'],
      ['ACL', 'SETUSER', 'b1', '<notapassword'],
      ['ACL', 'SETUSER', 'b1', '#abc'],
      ['ACL', 'SETUSER', 'b1', `#${'A'.repeat(64)}`],
      ['ACL', 'SETUSER', 'b1', `!${'b'.repeat(64)}`],
      ['ACL', 'SETUSER', 'b1', '+client|list|x'],
      ['ACL', 'SETUSER', 'b1', '+client|nosuch'],
      ['ACL', 'SETUSER', 'b1', '+select|'],
      ['ACL', 'SETUSER', 'b1', '-select|0'],
      ['ACL', 'SETUSER', 'b1', '%X~k'],
      ['ACL', 'SETUSER', 'b1', '%~k'],
      ['ACL', 'SETUSER', 'b1', '~a b'],
      ['ACL', 'SETUSER', 'b1', '(+get', '~x'],
      ['ACL', 'SETUSER', 'b1', '(on)'],
      ['ACL', 'SETUSER', 'b1', '(+get ~x) (+nosuch)'],
      ['ACL', 'SETUSER', 'bad name', 'on'],
      ['ACL', 'SETUSER', 'b1', 'on', '+set', '(+bogus)'],
      ['ACL', 'GETUSER', 'b1'],
      ['ACL', 'GETUSER', 'nobody'],
      ['ACL', 'DELUSER', 'default'],
      ['ACL', 'DELUSER', 'b1', 'default'],
      ['ACL', 'DELUSER', 'b1', 'nobody', 'b1'],
      ['ACL', 'GETUSER', 'b1'],
      ['ACL', 'WHOAMI', 'extra'],
      ['ACL', 'NOSUCH'],
      ['ACL'],
      ['ACL', 'CAT', 'read', 'write'],
      ['ACL', 'CAT', 'nosuch'],
      ['ACL', 'GENPASS', '0'],
      ['ACL', 'GENPASS', '4097'],
      ['ACL', 'GENPASS', 'x'],
      ['ACL', 'LOG', 'x'],
      ['ACL', 'LOG', '1', '2'],
      ['ACL', 'LOAD'],
      ['ACL', 'SAVE'],
      ['ACL', 'DRYRUN', 'nobody', 'get', 'k'],
      ['ACL', 'DRYRUN', 'default', 'nosuch'],
      ['ACL', 'DRYRUN', 'default', 'client', 'nosuch'],
      ['ACL', 'HELP'],
    ]);
  });

  it('lists categories and their commands', async () => {
    await compare(ports, [['ACL', 'CAT']]);
    for (const category of ['read', 'admin', 'dangerous', 'fast', 'scripting', 'connection']) {
      await compare(ports, [['ACL', 'CAT', category.toUpperCase()]], sortedArray);
    }
    const client = await RawClient.connect(ports.ours);
    client.send([
      ['ACL', 'GENPASS'],
      ['ACL', 'GENPASS', '5'],
      ['ACL', 'GENPASS', '4096'],
    ]);
    const text = await client.read(3);
    client.close();
    expect(text).toMatch(
      /^\$64\r\n[0-9a-f]{64}\r\n\$2\r\n[0-9a-f]{2}\r\n\$1024\r\n[0-9a-f]{1024}\r\n$/,
    );
  });

  it('answers DRYRUN for commands, keys and channels', async () => {
    await compare(ports, [
      ['ACL', 'SETUSER', 'd1', 'on', 'nopass', '+get', '+publish', '~k*', '&c*', '(+set ~s*)'],
      ['ACL', 'DRYRUN', 'd1', 'get', 'k1'],
      ['ACL', 'DRYRUN', 'd1', 'get', 'x'],
      ['ACL', 'DRYRUN', 'd1', 'set', 'k1', 'v'],
      ['ACL', 'DRYRUN', 'd1', 'set', 's1', 'v'],
      ['ACL', 'DRYRUN', 'd1', 'set', 'x', 'v'],
      ['ACL', 'DRYRUN', 'd1', 'publish', 'c1', 'm'],
      ['ACL', 'DRYRUN', 'd1', 'publish', 'x', 'm'],
      ['ACL', 'DRYRUN', 'd1', 'mget', 'k1', 'x'],
      ['ACL', 'DRYRUN', 'd1', 'client', 'list'],
      ['ACL', 'DRYRUN', 'd1', 'GET'],
      ['ACL', 'DRYRUN', 'default', 'flushall'],
    ]);
  });

  it("answers redis.acl_check_cmd for the script's caller: commands, subcommands, keys, channels", async () => {
    const check = (...args: string[]): ['B', ...string[]] => [
      'B',
      'EVAL',
      `return redis.acl_check_cmd(${args.join(', ')})`,
      '0',
    ];
    await compareTwo(ports, [
      [
        'A',
        'ACL',
        'SETUSER',
        'u',
        'on',
        'nopass',
        '+eval',
        '+get',
        '+config|get',
        '+publish',
        '~k*',
        'resetchannels',
        '&ch*',
      ],
      ['B', 'AUTH', 'u', 'x'],
      check("'get'", "'k1'"),
      check("'get'", "'x1'"),
      check("'set'", "'k1'", "'v'"),
      check("'get'"),
      check("'config'", "'get'", "'x'"),
      check("'config'", "'set'", "'x'", "'y'"),
      check("'config'", "'nosub'"),
      check("'publish'", "'ch1'", "'m'"),
      check("'publish'", "'x'", "'m'"),
      check("'mget'", "'k1'", "'x'"),
      check("'eval'", "'return 1'", "'1'", "'x'"),
      check("'get'", '{}'),
      check("'nosuch'"),
      check(),
    ]);
  });
});

describe.skipIf(!enabled)('differential: ACL DRYRUN over every command', () => {
  const ports = useDifferentialServers();

  // Every command and subcommand this server has, with argument lists
  // that put readable (r*), writable (w*) and other keys, and numbers for
  // key counts, where each command's key specs look: the users' key and
  // channel rules must refuse (and allow) exactly what Redis's do.
  it('answers as Redis for each command with keys read, written or neither', async () => {
    const users = [
      ['u1', 'on', 'nopass', '+@all', '%R~r*'],
      ['u2', 'on', 'nopass', '+@all', '%W~w*'],
      ['u3', 'on', 'nopass', '+@all', '~r*', '&r*'],
      ['u4', 'on', 'nopass', '-@all', '+@read', '+@pubsub', '~*', '&w*'],
    ];
    const vectors = [
      ['r1', 'r2', 'r3', 'r4', 'r5'],
      ['w1', 'w2', 'w3', 'w4', 'w5'],
      ['r1', 'w1', 'r2', 'w2', 'r3'],
      ['2', 'r1', 'w1', 'r2', 'w2'],
      ['1', 'w1', 'r1', 'x', 'y'],
    ];
    const clients = [
      await RawClient.connect(ports.redis),
      await RawClient.connect(ports.ours),
    ] as const;
    try {
      for (const client of clients) {
        client.send(users.map((user) => ['ACL', 'SETUSER', ...user]));
        await client.read(users.length);
      }
      clients[1].send([['COMMAND', 'LIST']]);
      const names = (await clients[1].read(1))
        .split('\r\n')
        .filter((line, i) => i > 0 && i % 2 === 0 && line !== '')
        // Redis 7.0 has no CLIENT SETINFO (7.2 added it).
        .filter((name) => name !== 'client|setinfo');
      expect(names.length).toBeGreaterThan(300);
      for (const name of names) {
        const commands: string[][] = [];
        for (const [user] of users)
          for (const vector of vectors)
            for (const count of [1, 3, 5])
              commands.push([
                'ACL',
                'DRYRUN',
                user!,
                ...name.split('|'),
                ...vector.slice(0, count),
              ]);
        const [expected, actual] = await Promise.all(
          clients.map(async (client) => {
            client.send(commands);
            return client.read(commands.length);
          }),
        );
        expect(actual, name).toBe(expected);
      }
    } finally {
      for (const client of clients) client.close();
    }
  });
});

describe.skipIf(!enabled)('differential: ACL descriptions of random rules', () => {
  const ports = useDifferentialServers();
  const CATEGORY_NAMES = [
    'keyspace',
    'read',
    'write',
    'set',
    'sortedset',
    'list',
    'hash',
    'string',
    'bitmap',
    'hyperloglog',
    'geo',
    'stream',
    'pubsub',
    'admin',
    'fast',
    'slow',
    'blocking',
    'dangerous',
    'connection',
    'transaction',
    'scripting',
    'all',
  ];
  const COMMANDS = [
    'get',
    'set',
    'del',
    'keys',
    'flushall',
    'client',
    'client|list',
    'client|kill',
    'config',
    'config|get',
    'config|set',
    'object',
    'object|encoding',
    'xinfo',
    'xinfo|stream',
    'acl',
    'acl|whoami',
    'memory',
    'memory|usage',
    'module',
    'sort',
    'eval',
    'publish',
    'debug',
    'info',
    'ping',
    'hello',
    'auth',
    'function',
    'function|load',
    'cluster',
    'cluster|info',
  ];

  // Seeded, so a failure names the rules that broke it.
  it.each([1, 2, 3, 4, 5, 6])('describes 40 random users alike (seed %i)', async (seed) => {
    const random = seededRandom(seed);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
    const commands: string[][] = [];
    for (let n = 0; n < 40; n++) {
      const rules: string[] = [];
      const count = 1 + Math.floor(random() * 8);
      for (let r = 0; r < count; r++) {
        const sign = random() < 0.5 ? '+' : '-';
        const roll = random();
        if (roll < 0.5) rules.push(`${sign}@${pick(CATEGORY_NAMES)}`);
        else if (roll < 0.9) rules.push(`${sign}${pick(COMMANDS)}`);
        else if (roll < 0.95) rules.push(`+select|${Math.floor(random() * 3)}`);
        else rules.push(pick(['allcommands', 'nocommands']));
      }
      commands.push(['ACL', 'SETUSER', `r${seed}-${n}`, 'reset', ...rules]);
      commands.push(['ACL', 'GETUSER', `r${seed}-${n}`]);
    }
    await compare(ports, commands);
  });
});

describe.skipIf(!enabled)('differential: ACL permissions', () => {
  const ports = useDifferentialServers();

  it('authenticates users and refuses commands, keys and channels', async () => {
    await compare(ports, [
      ['ACL', 'LOG', 'RESET'],
      ['ACL', 'SETUSER', 'u', 'on', '>pw', '+@all', '-flushall', '~k*', '%R~r*', '%W~w*', '&ch*'],
      ['ACL', 'SETUSER', 'off', 'off', '>pw', '+@all'],
      ['SET', 'r1', 'readable'],
      ['AUTH', 'u', 'wrong'],
      ['AUTH', 'nobody', 'pw'],
      ['AUTH', 'off', 'pw'],
      ['AUTH', 'u', 'pw'],
      ['ACL', 'WHOAMI'],
      ['MULTI'],
      ['AUTH', 'u', 'wrong'],
      ['AUTH', 'u', 'pw'],
      ['EXEC'],
      ['ACL', 'LOG', '1'],
      ['GET', 'k1'],
      ['SET', 'k1', 'v'],
      ['GET', 'x'],
      ['GET', 'r1'],
      ['SET', 'r1', 'v'],
      ['SET', 'w1', 'v'],
      ['GET', 'w1'],
      ['COPY', 'r1', 'w2'],
      ['COPY', 'w1', 'r2'],
      ['LMOVE', 'r1', 'w1', 'LEFT', 'RIGHT'],
      ['MSET', 'k1', 'a', 'w3', 'b', 'x', 'c'],
      ['EXISTS', 'r1', 'w1', 'x'],
      ['SET', 'w4', 'v', 'GET'],
      ['FLUSHALL'],
      ['PUBLISH', 'ch1', 'm'],
      ['PUBLISH', 'other', 'm'],
      ['SPUBLISH', 'other', 'm'],
      ['EVAL', "return redis.call('get', 'x')", '0'],
      ['EVAL', "return redis.pcall('flushall')", '0'],
      ['EVAL', "return redis.pcall('publish', 'nope', 'm')", '0'],
      ['EVAL', "return redis.call('get', KEYS[1])", '1', 'x'],
      ['EVAL', "return redis.call('get', KEYS[1])", '1', 'k1'],
      ['MULTI'],
      ['GET', 'x'],
      ['FLUSHALL'],
      ['EXEC'],
      ['ACL', 'LOG'],
      ['ACL', 'LOG', '2'],
      ['ACL', 'LOG', '-1'],
    ]);
  });

  it('checks SUBSCRIBE and PSUBSCRIBE channels, patterns literally', async () => {
    await compare(ports, [
      ['ACL', 'SETUSER', 's', 'on', 'nopass', '+@all', '~*', '&news.*', '&exact'],
      ['AUTH', 's', 'x'],
      ['PSUBSCRIBE', 'news.?'],
      ['PSUBSCRIBE', 'news.*'],
      ['SUBSCRIBE', 'exact', 'news.1', 'other'],
      ['SUBSCRIBE', 'exact', 'news.1'],
      ['UNSUBSCRIBE', 'never'],
    ]);
  });

  it('re-checks queued commands at EXEC after the rules changed', async () => {
    await compareTwo(ports, [
      ['B', 'ACL', 'SETUSER', 'e', 'on', 'nopass', '+@all', '~*', '&*'],
      ['A', 'AUTH', 'e', 'x'],
      ['A', 'MULTI'],
      ['A', 'SET', 'k', 'v'],
      ['A', 'GET', 'k'],
      ['A', 'PUBLISH', 'c', 'm'],
      ['A', 'PING'],
      ['B', 'ACL', 'SETUSER', 'e', '-set', 'resetkeys', '~other', 'resetchannels', '-ping'],
      ['A', 'EXEC'],
      ['B', 'ACL', 'LOG', '3'],
    ]);
  });

  it('takes the select first argument and selectors into account', async () => {
    await compare(ports, [
      ['ACL', 'SETUSER', 'f', 'on', 'nopass', '-@all', '+select|0', '+get', '~a*', '(+set ~b*)'],
      ['AUTH', 'f', 'x'],
      ['SELECT', '0'],
      ['SELECT', '1'],
      ['GET', 'a1'],
      ['GET', 'b1'],
      ['SET', 'b1', 'v'],
      ['SET', 'a1', 'v'],
      ['SET', 'c1', 'v'],
    ]);
  });

  it('refuses SORT’s BY and GET to a user that may not read every key', async () => {
    await compare(ports, [
      ['RPUSH', 'k:list', '3', '1', '2'],
      ['ACL', 'SETUSER', 'sorter', 'on', 'nopass', '+@all', '~k:*'],
      ['ACL', 'SETUSER', 'reader', 'on', 'nopass', '+@all', '%R~*', '%W~k:*'],
      ['AUTH', 'sorter', 'x'],
      ['SORT', 'k:list'],
      ['SORT', 'k:list', 'BY', 'nosort'],
      ['SORT', 'k:list', 'BY', 'w_*'],
      ['SORT', 'k:list', 'GET', '#'],
      ['SORT_RO', 'k:list', 'GET', '#'],
      ['EVAL', "return redis.pcall('sort', 'k:list', 'by', 'w_*')", '0'],
      ['AUTH', 'reader', 'x'],
      ['SORT', 'k:list', 'BY', 'w_*', 'GET', '#'],
      ['SORT', 'k:list', 'BY', 'w_*', 'STORE', 'k:out'],
      ['SORT', 'k:list', 'BY', 'w_*', 'STORE', 'other'],
    ]);
  });

  it('makes requirepass the default user’s password', async () => {
    await compareTwo(ports, [
      ['B', 'CONFIG', 'SET', 'requirepass', 'sesame'],
      ['B', 'ACL', 'GETUSER', 'default'],
      ['B', 'ACL', 'LIST'],
      ['A', 'PING'],
      ['B', 'AUTH', 'default', 'sesame'],
      ['B', 'ACL', 'SETUSER', 'default', '>second'],
      ['B', 'CONFIG', 'GET', 'requirepass'],
      ['B', 'CONFIG', 'SET', 'requirepass', ''],
      ['B', 'ACL', 'GETUSER', 'default'],
      ['B', 'AUTH', 'sesame'],
    ]);
    // After `off`, new connections must authenticate, and only as another user.
    await compareTwo(ports, [
      ['B', 'ACL', 'SETUSER', 'admin', 'on', '>adminpw', '+@all', '~*', '&*'],
      ['B', 'ACL', 'SETUSER', 'default', 'off'],
      ['B', 'PING'],
    ]);
    await compareTwo(ports, [
      ['A', 'PING'],
      ['A', 'AUTH', 'x'],
      ['A', 'HELLO', '3', 'AUTH', 'default', 'x'],
      ['A', 'HELLO', '3', 'AUTH', 'admin', 'adminpw'],
      ['A', 'ACL', 'WHOAMI'],
      ['A', 'ACL', 'SETUSER', 'default', 'on'],
      ['B', 'PING'],
      ['A', 'RESET'],
      ['A', 'ACL', 'WHOAMI'],
    ]);
  });

  it('redacts ACL SETUSER in the slow log and keeps ACL settings', async () => {
    await compare(ports, [
      ['CONFIG', 'GET', 'acllog-max-len'],
      ['CONFIG', 'GET', 'acl-pubsub-default'],
      ['CONFIG', 'GET', 'aclfile'],
      ['CONFIG', 'SET', 'acllog-max-len', '-1'],
      ['CONFIG', 'SET', 'acl-pubsub-default', 'some'],
      ['CONFIG', 'SET', 'aclfile', '/tmp/x'],
      ['CONFIG', 'SET', 'acl-pubsub-default', 'ALLCHANNELS'],
      ['ACL', 'SETUSER', 'p1'],
      ['ACL', 'SETUSER', 'p1', 'reset'],
      ['ACL', 'GETUSER', 'p1'],
      ['CONFIG', 'SET', 'acl-pubsub-default', 'resetchannels'],
      ['ACL', 'SETUSER', 'p2', '(+get)'],
      ['ACL', 'GETUSER', 'p2'],
      ['CONFIG', 'SET', 'acllog-max-len', '1'],
      ['ACL', 'SETUSER', 'p3', 'on', 'nopass'],
      ['AUTH', 'p3', 'x'],
      ['GET', 'k'],
      ['SET', 'k', 'v'],
      ['ACL', 'LOG'],
      ['CONFIG', 'SET', 'acllog-max-len', '128'],
    ]);
    // The name and every rule hidden, on both.
    const hidden =
      '$3\r\nACL\r\n$7\r\nSETUSER\r\n$10\r\n(redacted)\r\n$10\r\n(redacted)\r\n$10\r\n(redacted)\r\n';
    for (const port of [ports.redis, ports.ours]) {
      const client = await RawClient.connect(port);
      client.send([
        ['CONFIG', 'SET', 'slowlog-log-slower-than', '0'],
        ['ACL', 'SETUSER', 'hidden', 'on', '>topsecret'],
        ['SLOWLOG', 'GET', '1'],
        ['CONFIG', 'SET', 'slowlog-log-slower-than', '10000'],
      ]);
      const text = await client.read(4);
      client.close();
      expect(text).toContain(hidden);
      expect(text).not.toContain('topsecret');
    }
  });
});

describe.skipIf(!enabled)('differential: ACL closes connections', () => {
  const ports = useDifferentialServers();

  it('closes the connections of a deleted user, the caller’s own after its reply', async () => {
    const { theirs, mine } = await compareTwo(ports, [
      ['B', 'ACL', 'SETUSER', 'gone', 'on', 'nopass', '+@all', '~*', '&*'],
      ['A', 'AUTH', 'gone', 'x'],
      ['B', 'AUTH', 'gone', 'x'],
      ['B', 'CLIENT', 'KILL', 'USER', 'nosuch'],
      ['B', 'ACL', 'DELUSER', 'gone'],
    ]);
    for (const clients of [theirs, mine]) {
      expect(await clients[0]!.waitClosed()).toBe(true);
      expect(await clients[1]!.waitClosed()).toBe(true);
    }
  });

  it('closes a subscriber whose channels SETUSER took away, not one whose channels stay', async () => {
    const { theirs, mine } = await compareTwo(ports, [
      ['B', 'ACL', 'SETUSER', 'sub', 'on', 'nopass', '+@all', '~*', '&a*', '&b*'],
      ['A', 'AUTH', 'sub', 'x'],
      ['A', 'SUBSCRIBE', 'a1'],
      ['B', 'ACL', 'SETUSER', 'sub', '&c*'],
      ['B', 'ACL', 'SETUSER', 'sub', 'resetchannels', '&a*'],
      ['B', 'PUBLISH', 'a1', 'still here'],
      ['B', 'ACL', 'SETUSER', 'sub', 'resetchannels', '&b*'],
      ['B', 'PING'],
    ]);
    for (const clients of [theirs, mine]) {
      expect(await clients[0]!.read(1)).toContain('still here');
      expect(await clients[0]!.waitClosed()).toBe(true);
      expect(clients[1]!.closed).toBe(false);
    }
  });

  it('closes connections of a user CLIENT KILL USER names', async () => {
    const { theirs, mine } = await compareTwo(ports, [
      ['B', 'ACL', 'SETUSER', 'victim', 'on', 'nopass', '+@all', '~*', '&*'],
      ['A', 'AUTH', 'victim', 'x'],
      ['B', 'CLIENT', 'KILL', 'USER', 'victim'],
    ]);
    for (const clients of [theirs, mine]) expect(await clients[0]!.waitClosed()).toBe(true);
  });
});

describe('ACL users given as options', () => {
  it('creates users from `users`, as redis.conf user lines', async () => {
    const { server, port } = await startServer({
      users: ['app on ">two words" ~app:* +@all', 'default on nopass ~* &* +@read +acl'],
    });
    try {
      const client = await RawClient.connect(port);
      client.send([
        ['ACL', 'LIST'],
        ['AUTH', 'app', 'two words'],
        ['ACL', 'WHOAMI'],
        ['SET', 'other', 'v'],
      ]);
      // redis-server 7.0.15 lists the same two lines for these `user` lines of its configuration.
      const app = `user app on #${hashOf('two words')} ~app:* resetchannels +@all`;
      const defaultUser = 'user default on nopass sanitize-payload ~* &* -@all +@read +acl';
      expect(await client.read(4)).toBe(
        `*2\r\n$${app.length}\r\n${app}\r\n$${defaultUser.length}\r\n${defaultUser}\r\n+OK\r\n$3\r\napp\r\n-NOPERM this user has no permissions to access one of the keys used as arguments\r\n`,
      );
      client.close();
    } finally {
      await server.close();
    }
  });

  it('refuses a bad user, and users with an aclfile', async () => {
    await expect(startServer({ users: ['app +nosuch'] })).rejects.toMatchObject({
      code: 'ERR_INVALID_OPTION',
      message:
        'Expected `users` to hold valid ACL users, got "app +nosuch": Error in ACL SETUSER modifier \'+nosuch\': Unknown command or category name in ACL',
    });
    await expect(startServer({ users: ['app on'], aclfile: '/tmp/x.acl' })).rejects.toMatchObject({
      code: 'ERR_INVALID_OPTION',
    });
  });
});

describe.skipIf(!enabled)('differential: the ACL file', () => {
  let dir = '';
  let ours: { server: Server; port: number } | undefined;
  let redis: RealRedis | undefined;
  const files = { ours: '', redis: '', broken: '' };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mini-redis-acl-'));
    const initial = [
      'user default on nopass ~* &* +@all',
      '',
      `user alice on #${'c'.repeat(64)} ~a:* resetchannels -@all +get +set`,
      '   user bob off  (+get ~b*)   ',
    ].join('\n');
    files.ours = join(dir, 'ours.acl');
    files.redis = join(dir, 'redis.acl');
    files.broken = join(dir, 'broken.acl');
    writeFileSync(files.ours, initial);
    writeFileSync(files.redis, initial);
    ours = await startServer({ aclfile: files.ours });
    redis = await startRealRedis(['--aclfile', files.redis]);
  });
  afterAll(async () => {
    await ours?.server.close();
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads users at start, saves them, and reloads them', async () => {
    const ports = { ours: ours!.port, redis: redis!.port };
    await compare(ports, [
      ['ACL', 'LIST'],
      ['ACL', 'SETUSER', 'carol', 'on', '>pw', '+@read', '%R~c*'],
      ['ACL', 'SAVE'],
    ]);
    const saved = (path: string) =>
      readFileSync(path, 'latin1').split('\n').map(sortCommandRules).join('\n');
    expect(saved(files.ours)).toBe(saved(files.redis));
    await compare(ports, [
      ['ACL', 'SETUSER', 'dave', 'on'],
      ['ACL', 'LOAD'],
      ['ACL', 'USERS'],
      ['ACL', 'GETUSER', 'carol'],
    ]);
  });

  it('refuses a broken file whole, with Redis’s reasons', async () => {
    // Both servers read the same file, since the errors name its path.
    writeFileSync(files.broken, 'user keeper on nopass +@all ~* &*\n');
    const pair = {
      ours: await startServer({ aclfile: files.broken }),
      redis: await startRealRedis(['--aclfile', files.broken]),
    };
    try {
      writeFileSync(
        files.broken,
        [
          'user ok on nopass +get',
          'nonsense here',
          'user',
          'user bad +nosuchcommand ~x allkeys ~y',
          'user ok on',
          'user sel (+get',
          'user sp\tace on',
        ].join('\n'),
      );
      await compare({ ours: pair.ours.port, redis: pair.redis.port }, [
        ['ACL', 'LOAD'],
        ['ACL', 'LIST'],
      ]);
      rmSync(files.broken);
      await compare({ ours: pair.ours.port, redis: pair.redis.port }, [
        ['ACL', 'LOAD'],
        ['ACL', 'USERS'],
      ]);
    } finally {
      await pair.ours.server.close();
      await pair.redis.stop();
    }
  });

  it('refuses to start with a broken or missing file, as redis-server', async () => {
    writeFileSync(files.broken, 'user bad +nosuchcommand\n');
    await expect(startServer({ aclfile: files.broken })).rejects.toMatchObject({
      code: 'ERR_LOAD',
      message: `Aborting startup because of ACL errors: ${files.broken}:1: Error in applying operation '+nosuchcommand': Unknown command or category name in ACL. WARNING: ACL errors detected, no change to the previously active ACL rules was performed`,
    });
    await expect(startServer({ aclfile: join(dir, 'missing.acl') })).rejects.toMatchObject({
      code: 'ERR_LOAD',
      message: `Aborting startup because of ACL errors: Error loading ACLs, opening file '${join(dir, 'missing.acl')}': No such file or directory`,
    });
  });
});
