// Lua scripts by digest, against a real redis-server and against
// @mini-redis/server: EVALSHA first, EVAL only after NOSCRIPT (counted in
// INFO commandstats, which only Redis has), never a second run after any
// other error, the read-only variants, and every kind of client.
import { createServer } from '@mini-redis/server';
import { hasRedis, startRealRedis } from '@mini-redis/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  connect,
  createClient,
  createPool,
  type RedisClient,
  ReplyError,
  Script,
} from '../src/index.js';

const echo = new Script('return {KEYS[1], ARGV[1], #KEYS, #ARGV}');

describe('Script', () => {
  it('digests the source as Redis does (SCRIPT LOAD gives the same SHA1)', () => {
    expect(new Script('return 1').sha1).toBe('e0e1f9fabfc9d4800c877a703b823ac0578ff8db');
    expect(new Script('return 1', { readOnly: true }).evalArgs(['k'], ['a', 1])).toEqual([
      'EVAL_RO',
      'return 1',
      1,
      'k',
      'a',
      1,
    ]);
    expect(() => new Script(42 as unknown as string)).toThrow(TypeError);
  });
});

interface Target {
  readonly port: number;
  stop(): Promise<void>;
}

async function startOurs(): Promise<Target> {
  const server = createServer({ port: 0 });
  const { port } = await server.listen();
  return { port, stop: () => server.close() };
}

describe.each([
  { name: 'a real redis-server', skip: !hasRedis(), start: startRealRedis, countsCalls: true },
  { name: '@mini-redis/server', skip: false, start: startOurs, countsCalls: false },
])('Script against $name', ({ skip, start, countsCalls }) => {
  let target: Target;
  let client: RedisClient;

  beforeAll(async () => {
    if (skip) return;
    target = await start();
    client = createClient(`127.0.0.1:${target.port}`);
  });

  afterAll(async () => {
    await client?.close();
    await target?.stop();
  });

  beforeEach(async (context) => {
    if (skip) context.skip();
    await client.command(['SCRIPT', 'FLUSH']);
    await client.configResetstat();
  });

  // The calls counted so far, where the server counts them (see calls()).
  async function expectCalls(expected: Record<string, string>): Promise<void> {
    if (countsCalls) expect(await calls()).toEqual(expected);
  }

  // Each EVAL-like command the server was sent, from INFO commandstats:
  // `calls/failed` (an error reply, NOSCRIPT included, is a failed call).
  async function calls(): Promise<Record<string, string>> {
    const info = await client.info('commandstats');
    const counts: Record<string, string> = {};
    for (const match of info.matchAll(/^cmdstat_(eval\w*):calls=(\d+),.*failed_calls=(\d+)/gm))
      counts[match[1]!] = `${match[2]}/${match[3]}`;
    return counts;
  }

  it('has the digest SCRIPT LOAD gives, for any text', async () => {
    for (const source of ['return 1', "return 'é, 日本'", ''])
      expect(await client.command(['SCRIPT', 'LOAD', source])).toBe(new Script(source).sha1);
  });

  it('sends the source once, then runs by digest', async () => {
    expect(await echo.run(client, ['k1'], ['a1'])).toEqual(['k1', 'a1', 1, 1]);
    expect(await echo.run(client, ['k2', 'k3'], ['a2', 'b2', 'c2'])).toEqual(['k2', 'a2', 2, 3]);
    expect(await echo.run(client)).toEqual([]);
    // The first EVALSHA was refused with NOSCRIPT and answered with EVAL.
    await expectCalls({ eval: '1/0', evalsha: '3/1' });
    expect(await client.command(['SCRIPT', 'EXISTS', echo.sha1])).toEqual([1]);
  });

  it('sends the source again after the server forgot it', async () => {
    expect(await echo.run(client, ['k'], ['a'])).toEqual(['k', 'a', 1, 1]);
    await client.command(['SCRIPT', 'FLUSH']);
    expect(await echo.run(client, ['k'], ['a'])).toEqual(['k', 'a', 1, 1]);
    await expectCalls({ eval: '2/0', evalsha: '2/2' });
  });

  it("rejects with the script's own error, and never runs it a second time", async () => {
    const incr = new Script("return redis.call('INCR', KEYS[1])");
    await client.set('counter', '1');
    expect(await incr.run(client, ['counter'])).toBe(2);
    await client.set('text', 'abc');
    const error = await incr.run(client, ['text']).catch((caught: unknown) => caught);
    expect(ReplyError.is(error) && error.code).toBe('ERR');
    expect((error as Error).message).toMatch(/^ERR value is not an integer or out of range/);
    // The first run's NOSCRIPT and EVAL, then the failing EVALSHA alone.
    await expectCalls({ eval: '1/0', evalsha: '2/2' });
    expect(await client.get('counter')).toBe('2');
  });

  it('runs read-only with EVALSHA_RO and EVAL_RO, which refuse writes', async () => {
    await client.set('ro', 'value');
    const read = new Script("return redis.call('GET', KEYS[1])", { readOnly: true });
    expect(await read.run(client, ['ro'])).toBe('value');
    expect(await read.run(client, ['ro'])).toBe('value');
    await expectCalls({ eval_ro: '1/0', evalsha_ro: '2/1' });
    const write = new Script("return redis.call('SET', KEYS[1], 'x')", { readOnly: true });
    await expect(write.run(client, ['ro'])).rejects.toThrow(
      /Write commands are not allowed from read-only scripts/,
    );
    expect(await client.get('ro')).toBe('value');
  });

  it('gives Buffers with runBuffer, bytes as they are', async () => {
    const bytes = Buffer.from([0xff, 0x00, 0xfe]);
    expect(await echo.runBuffer(client, [bytes], ['x'])).toEqual([bytes, Buffer.from('x'), 1, 1]);
  });

  it('runs on a direct client, a pool and a lease, and in a batch with evalArgs', async () => {
    const address = `127.0.0.1:${target.port}`;
    using direct = await connect(address);
    expect(await echo.run(direct, ['d'], ['1'])).toEqual(['d', '1', 1, 1]);
    await using pool = createPool(address, { size: 2 });
    expect(await echo.run(pool, ['p'], ['2'])).toEqual(['p', '2', 1, 1]);
    await using lease = await pool.lease();
    expect(await echo.run(lease.client, ['l'], ['3'])).toEqual(['l', '3', 1, 1]);
    expect(
      await client
        .pipeline()
        .command(echo.evalArgs(['b'], ['4']))
        .command(['PING'])
        .exec(),
    ).toEqual([['b', '4', 1, 1], 'PONG']);
  });

  it('has typed methods for EVAL, EVALSHA, their read-only forms and SCRIPT', async () => {
    const sha1 = await client.scriptLoad('return {KEYS[1], ARGV[1]}');
    expect(sha1).toBe(new Script('return {KEYS[1], ARGV[1]}').sha1);
    expect(await client.scriptExists([sha1, echo.sha1])).toEqual([true, false]);
    expect(await client.evalsha(sha1, ['k'], ['a'])).toEqual(['k', 'a']);
    expect(await client.evalshaRo(sha1, ['k'], [1])).toEqual(['k', '1']);
    expect(await client.eval('return redis.call("SET", KEYS[1], ARGV[1])', ['typed'], ['v'])).toBe(
      'OK',
    );
    expect(await client.evalRo('return redis.call("GET", KEYS[1])', ['typed'])).toBe('v');
    expect(await client.eval('return 3.9')).toBe(3);
    await expect(client.evalRo('return redis.call("DEL", KEYS[1])', ['typed'])).rejects.toThrow(
      /^ERR Write commands are not allowed from read-only scripts\. script: /,
    );
    expect(await client.scriptFlush('ASYNC')).toBe('OK');
    expect(await client.scriptExists([sha1])).toEqual([false]);
    const missing = await client.evalsha(sha1).catch((caught: unknown) => caught);
    expect(ReplyError.is(missing) && missing.code).toBe('NOSCRIPT');
    const notBusy = await client.scriptKill().catch((caught: unknown) => caught);
    expect(ReplyError.is(notBusy) && notBusy.message).toBe(
      'NOTBUSY No scripts in execution right now.',
    );
  });

  it('sends nothing once aborted, EVAL included', async () => {
    const controller = new AbortController();
    controller.abort(new Error('changed my mind'));
    await expect(echo.run(client, ['k'], ['a'], { signal: controller.signal })).rejects.toThrow(
      'changed my mind',
    );
    await expectCalls({});
  });
});
