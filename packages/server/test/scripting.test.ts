// Scripting behaviour that has no Redis counterpart to compare with: a
// script that runs past busy-reply-threshold is stopped with an error
// (Redis would answer others BUSY until SCRIPT KILL; nothing else can run
// here while a script does), the server keeps serving, and the limits on
// recursion and on the EVAL cache hold.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from '../src/index.js';
import { RawClient, startServer } from './helpers.js';

describe('scripting limits', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    ({ server, port } = await startServer());
  });
  afterAll(async () => {
    await server.close();
  });

  it('stops a script that runs past busy-reply-threshold, keeps its writes, and serves on', async () => {
    const client = await RawClient.connect(port);
    try {
      client.send([
        ['CONFIG', 'SET', 'busy-reply-threshold', '200'],
        ['EVAL', 'redis.call("set", "before", "1") while true do end', '0'],
        ['GET', 'before'],
        ['EVAL', 'local n = 0 for i = 1, 1e12 do n = n + i end return n', '0'],
        ['PING'],
        ['CONFIG', 'SET', 'busy-reply-threshold', '5000'],
      ]);
      const replies = await client.read(6);
      const killed = (body: string) =>
        `-ERR Script killed after running for more than busy-reply-threshold (200 ms): nothing else can run while a script does script: ${sha(body)}, on @user_script:1.\r\n`;
      expect(replies).toBe(
        `+OK\r\n${killed('redis.call("set", "before", "1") while true do end')}$1\r\n1\r\n` +
          `${killed('local n = 0 for i = 1, 1e12 do n = n + i end return n')}+PONG\r\n+OK\r\n`,
      );
    } finally {
      client.close();
    }
  });

  it('stops a library function or endless tail recursion that runs past the threshold (pattern backtracking, table.insert far below #t)', async () => {
    const client = await RawClient.connect(port);
    // Each is one call into a library: no Lua loop turns while it runs,
    // so the library itself must count its work as steps.
    const backtracking = "return string.find(string.rep('a', 3000), '.-.-.-.-b')";
    const gsub = "return (string.gsub(string.rep('a', 3000), '.-.-.-.-b', 'x'))";
    const insert = "local t = {1} table.insert(t, -2^31, 'x') return #t";
    // Endless tail recursion runs in one stack slot, as in Redis (which
    // would run it until SCRIPT KILL): the threshold stops it.
    const tailRecursion = 'local function f() return f() end return f()';
    try {
      client.send([
        ['CONFIG', 'SET', 'busy-reply-threshold', '200'],
        ['EVAL', backtracking, '0'],
        ['EVAL', gsub, '0'],
        ['EVAL', insert, '0'],
        ['EVAL', tailRecursion, '0'],
        ['PING'],
        ['CONFIG', 'SET', 'busy-reply-threshold', '5000'],
      ]);
      const killed = (body: string) =>
        `-ERR Script killed after running for more than busy-reply-threshold (200 ms): nothing else can run while a script does script: ${sha(body)}, on @user_script:1.\r\n`;
      expect(await client.read(7)).toBe(
        `+OK\r\n${killed(backtracking)}${killed(gsub)}${killed(insert)}${killed(tailRecursion)}+PONG\r\n+OK\r\n`,
      );
    } finally {
      client.close();
    }
  });

  it('turns runaway recursion into a Lua error that pcall can catch', async () => {
    const client = await RawClient.connect(port);
    try {
      // 900 nested calls are fine; the limit is 1,000 (Lua's is higher, see compiler.ts).
      client.send([
        [
          'EVAL',
          'local function f(n) if n == 0 then return 0 end return f(n - 1) + 1 end return f(900)',
          '0',
        ],
      ]);
      expect(await client.read(1)).toBe(':900\r\n');
      client.send([
        ['EVAL', 'local function f(n) return f(n + 1) + 1 end return f(1)', '0'],
        [
          'EVAL',
          'local function f(n) return f(n + 1) + 1 end local ok, e = pcall(f, 1) return {tostring(ok), e}',
          '0',
        ],
        ['EVAL', 'local t = setmetatable({}, {}) getmetatable(t).__index = t return t.x', '0'],
      ]);
      const replies = await client.read(3);
      const lines = replies.split('\r\n');
      expect(lines[0]).toBe(
        `-ERR user_script:1: stack overflow script: ${sha('local function f(n) return f(n + 1) + 1 end return f(1)')}, on @user_script:1.`,
      );
      expect(lines.slice(1, 6)).toEqual([
        '*2',
        '$5',
        'false',
        '$29',
        'user_script:1: stack overflow',
      ]);
      expect(lines[6]).toMatch(
        /^-ERR user_script:1: loop in gettable script: \w{40}, on @user_script:1\.$/,
      );
    } finally {
      client.close();
    }
  });

  it('keeps at most 500 scripts loaded by EVAL, dropping the oldest; SCRIPT LOAD keeps its own', async () => {
    const client = await RawClient.connect(port);
    try {
      const loaded = 'return "loaded"';
      client.send([
        ['SCRIPT', 'FLUSH'],
        ['SCRIPT', 'LOAD', loaded],
      ]);
      await client.read(2);
      for (let i = 0; i < 510; i++) client.send([['EVAL', `return ${i}`, '0']]);
      await client.read(510);
      client.send([
        [
          'SCRIPT',
          'EXISTS',
          sha('return 0'),
          sha('return 9'),
          sha('return 10'),
          sha('return 509'),
          sha(loaded),
        ],
      ]);
      expect(await client.read(1)).toBe('*5\r\n:0\r\n:0\r\n:1\r\n:1\r\n:1\r\n');
      // INFO counts them, and their source's bytes: 'return 10' to 'return
      // 509' (9 bytes up to 99, 10 from 100) and the loaded one.
      client.send([['INFO', 'memory']]);
      const info = await client.read(1);
      expect(info).toMatch(/\r\nnumber_of_cached_scripts:501\r\n/);
      const sourceBytes = 90 * 9 + 410 * 10 + loaded.length;
      expect(info).toContain(`\r\nused_memory_scripts_eval:${sourceBytes}\r\n`);
    } finally {
      client.close();
    }
  });
});

function sha(body: string): string {
  return createHash('sha1').update(body).digest('hex');
}
