// Redis 7's functions through the typed methods, against a real
// redis-server (over RESP3 and RESP2) and against @mini-redis/server:
// loading, calling (keys and arguments, read-only), listing,
// stats, dump and restore, and the errors as ReplyErrors.
import { beforeEach, describe, expect, it } from 'vitest';
import { type RedisClient, ReplyError } from '../src/index.js';
import { targets, useTargetClient } from './targets.js';

const LIBRARY = `#!lua name=counters
local calls = 0
redis.register_function('bump', function(keys, args)
  calls = calls + 1
  return {redis.call('incrby', keys[1], args[1]), calls}
end)
redis.register_function{
  function_name = 'peek',
  callback = function(keys) return redis.call('get', keys[1]) end,
  flags = {'no-writes'},
  description = 'reads a counter',
}`;

describe.each(targets)('functions against $name', (target) => {
  const skip = !target.enabled;
  const clientOf = useTargetClient(target);
  let client: RedisClient;

  beforeEach(async () => {
    if (skip) return;
    client = clientOf();
    await client.functionFlush();
    await client.flushall();
  });

  it.skipIf(skip)('loads a library, calls its functions, lists it', async () => {
    expect(await client.functionLoad(LIBRARY)).toBe('counters');
    expect(await client.fcall('bump', ['n'], [5])).toEqual([5, 1]);
    expect(await client.fcall('BUMP', ['n'], [2])).toEqual([7, 2]);
    expect(await client.fcallRo('peek', ['n'])).toBe('7');
    await expect(client.fcallRo('bump', ['n'], [1])).rejects.toThrow(
      'ERR Can not execute a script with write flag using *_ro command.',
    );
    const [library] = await client.functionList({ withCode: true });
    expect(library!.libraryName).toBe('counters');
    expect(library!.engine).toBe('LUA');
    expect(library!.libraryCode).toBe(LIBRARY);
    // Redis lists a library's functions in its hash table's order.
    expect([...library!.functions].sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { name: 'bump', description: null, flags: [] },
      { name: 'peek', description: 'reads a counter', flags: ['no-writes'] },
    ]);
    expect(await client.functionList({ libraryName: 'COUNT*' })).toHaveLength(1);
    expect(await client.functionList({ libraryName: 'other' })).toEqual([]);
    expect(await client.functionStats()).toEqual({
      runningScript: null,
      engines: { LUA: { librariesCount: 1, functionsCount: 2 } },
    });
  });

  it.skipIf(skip)('replaces, deletes, dumps and restores', async () => {
    await client.functionLoad(LIBRARY);
    await expect(client.functionLoad(LIBRARY)).rejects.toThrow(
      "ERR Library 'counters' already exists",
    );
    expect(await client.functionLoad(LIBRARY, { replace: true })).toBe('counters');
    const payload = await client.functionDump();
    expect(Buffer.isBuffer(payload)).toBe(true);
    expect(await client.functionDelete('counters')).toBe('OK');
    await expect(client.functionDelete('counters')).rejects.toThrow('ERR Library not found');
    await expect(client.fcall('bump', ['n'], [1])).rejects.toThrow('ERR Function not found');
    expect(await client.functionRestore(payload)).toBe('OK');
    await expect(client.functionRestore(payload, 'APPEND')).rejects.toThrow(
      'ERR Library counters already exists',
    );
    expect(await client.functionRestore(payload, 'REPLACE')).toBe('OK');
    expect(await client.functionRestore(payload, 'FLUSH')).toBe('OK');
    expect(await client.fcall('bump', ['n'], [3])).toEqual([3, 1]);
    await expect(client.functionRestore(Buffer.from('not a payload'))).rejects.toThrow(
      'ERR DUMP payload version or checksum are wrong',
    );
    await expect(client.functionKill()).rejects.toThrow('NOTBUSY');
  });

  it.skipIf(skip)("rejects with the function's own error, as a ReplyError", async () => {
    await client.functionLoad(
      "#!lua name=failing\nredis.register_function('fail', function() error('boom') end)",
    );
    const error = await client.fcall('fail').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ReplyError);
    expect((error as ReplyError).message).toBe(
      'ERR user_function:2: boom script: fail, on @user_function:2.',
    );
    await expect(client.functionLoad('return 1')).rejects.toThrow('ERR Missing library metadata');
  });
});
