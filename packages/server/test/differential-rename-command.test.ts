// redis.conf's rename-command against a real redis-server started with
// the same renames: the old name is unknown and the new one runs the
// command, for clients and scripts alike; arity errors, COMMAND INFO,
// LIST, DOCS and GETKEYS, ACL DRYRUN and the command statistics keep the
// command's own name; a removed command is gone from COMMAND COUNT.

import { type RealRedis, startRealRedis } from '@mini-redis/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from '../src/index.js';
import { compareEach, creationRefusal, hasRedis, rawExchange, startServer } from './helpers.js';

const RENAMES: [string, string][] = [
  ['flushall', ''],
  ['GET', 'mget2'],
  ['config', 'cfg'],
];

describe.skipIf(!hasRedis())('differential: rename-command', () => {
  let ours: { server: Server; port: number } | undefined;
  let redis: RealRedis | undefined;
  beforeAll(async () => {
    ours = await startServer({ renameCommands: RENAMES });
    redis = await startRealRedis(RENAMES.flatMap(([from, to]) => ['--rename-command', from, to]));
  });
  afterAll(async () => {
    await ours?.server.close();
    await redis?.stop();
  });

  it('answers to the new names only, and keeps each command its own name', async () => {
    await compareEach(
      { ours: ours!.port, redis: redis!.port },
      [
        ['SET', 'k', 'v'],
        ['FLUSHALL'],
        ['flushall', 'ASYNC'],
        ['MGET2', 'k'],
        ['mget2', 'k'],
        ['GET', 'k'],
        ['mget2'],
        ['CFG', 'GET', 'maxmemory'],
        ['cfg', 'nope'],
        ['CONFIG', 'GET', 'maxmemory'],
        ['COMMAND', 'INFO', 'mget2', 'get', 'flushall'],
        ['COMMAND', 'LIST', 'FILTERBY', 'PATTERN', 'get'],
        ['COMMAND', 'LIST', 'FILTERBY', 'PATTERN', 'mget2'],
        ['COMMAND', 'LIST', 'FILTERBY', 'PATTERN', 'flushal*'],
        ['COMMAND', 'LIST', 'FILTERBY', 'PATTERN', 'config|get'],
        ['COMMAND', 'DOCS', 'mget2'],
        ['COMMAND', 'DOCS', 'get'],
        ['COMMAND', 'GETKEYS', 'mget2', 'k'],
        ['COMMAND', 'GETKEYS', 'get', 'k'],
        ['COMMAND', 'GETKEYS', 'cfg', 'get', 'x'],
        ['ACL', 'DRYRUN', 'default', 'mget2', 'k'],
        ['ACL', 'DRYRUN', 'default', 'get', 'k'],
        ['EVAL', "return redis.call('mget2', 'k')", '0'],
        ['EVAL', "return redis.call('get', 'k')", '0'],
        ['EVAL', "return redis.call('flushall')", '0'],
        ['MULTI'],
        ['mget2', 'k'],
        ['GET', 'k'],
        ['EXEC'],
        ['CFG', 'RESETSTAT'],
        ['mget2', 'k'],
        ['INFO', 'commandstats'],
      ],
      {
        // The statistics' times are each server's own, and so the length;
        // their order is Redis's hashtable's of the renamed names: sorted.
        normalize: (reply) =>
          reply.includes('usec=')
            ? reply
                .replace(/^\$\d+/, '$<length>')
                .replace(/usec=\d+,usec_per_call=[\d.]+/g, 'usec=<t>,usec_per_call=<t>')
                .split('\r\n')
                .sort()
                .join('\r\n')
            : reply,
        reset: [['DEL', 'k']],
      },
    );
    // Removed: one command fewer than the table has.
    const [theirs, mine] = await Promise.all(
      [redis!.port, ours!.port].map((port) => rawExchange(port, [['COMMAND', 'COUNT']])),
    );
    const unrenamed = await startServer();
    try {
      const full = await rawExchange(unrenamed.port, [['COMMAND', 'COUNT']]);
      expect([mine, theirs]).toEqual([`:${Number(full.slice(1, -2)) - 1}\r\n`, theirs]);
    } finally {
      await unrenamed.server.close();
    }
  });

  it('refuses what redis-server refuses at start, with its reason', () => {
    const refusals: [[string, string], string][] = [
      [['nosuch', 'x'], "rename-command 'nosuch' 'x': No such command in rename-command"],
      [['get', 'SET'], "rename-command 'get' 'SET': Target command name already exists"],
    ];
    for (const [rename, message] of refusals)
      expect(creationRefusal({ renameCommands: [rename] })).toEqual({
        code: 'ERR_INVALID_OPTION',
        message,
      });
  });
});
