// The tutorial's program: against @mini-redis/server in process and a
// real redis-server, and as the `npm run hello` process, with and without
// an address, and with one where nothing listens.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createServer, type Server } from '@mini-redis/server';
import { hasRedis, type RealRedis, startRealRedis } from '@mini-redis/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tutorial, withClient } from './hello.js';

const run = promisify(execFile);
const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));

let server: Server;
let address: string;

beforeAll(async () => {
  server = createServer({ port: 0 });
  address = `127.0.0.1:${(await server.listen()).port}`;
});

afterAll(async () => {
  await server.close();
});

describe('tutorial', () => {
  it('runs the GET and SET tasks through the manager and prints both results', async () => {
    const lines: string[] = [];
    await tutorial(address, (line) => lines.push(line));
    expect(lines.sort()).toEqual(expect.arrayContaining(['GOT = Ok(())']));
    expect(lines).toHaveLength(2);
    // The GET raced the SET: it saw either nothing or bar.
    expect(lines.some((line) => line === 'GOT = Ok(null)' || line === 'GOT = Ok("bar")')).toBe(
      true,
    );
  });

  it('reports a server it cannot reach: each task prints its dropped command, then the error', async () => {
    const lines: string[] = [];
    await expect(tutorial('127.0.0.1:1', (line) => lines.push(line))).rejects.toMatchObject({
      code: 'ERR_NOT_CONNECTED',
    });
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).toMatch(/^GOT = Err\(.+\)$/);
  });
});

describe('withClient', () => {
  it('does the same through createClient', async () => {
    const outcome = await withClient(address, () => {});
    expect(outcome.set).toBe('OK');
    expect(outcome.got === null || outcome.got === 'bar').toBe(true);
  });
});

describe.skipIf(!hasRedis())('against a real redis-server', () => {
  let redis: RealRedis;

  beforeAll(async () => {
    redis = await startRealRedis();
  });

  afterAll(async () => {
    await redis?.stop();
  });

  it('runs both versions of the program', async () => {
    const lines: string[] = [];
    await tutorial(`127.0.0.1:${redis.port}`, (line) => lines.push(line));
    expect(lines).toContain('GOT = Ok(())');
    expect(lines).toHaveLength(2);
    const outcome = await withClient(`127.0.0.1:${redis.port}`, () => {});
    expect(outcome).toEqual({ got: 'bar', set: 'OK' });
  });
});

describe('npm run hello (dist/main.js)', () => {
  beforeAll(() => {
    if (!existsSync(main)) throw new Error('hello-redis is not built: run `npm run build` first');
  });

  it('starts an embedded server when given no address', async () => {
    const { stdout, stderr } = await run(process.execPath, [main]);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(
      /^\(no address given: started an embedded mini-redis-server on 127\.0\.0\.1:\d+\)$/,
    );
    expect(lines[1]).toBe('-- the tutorial: a manager task, mpsc and oneshot');
    expect(lines.slice(2, 4)).toContain('GOT = Ok(())');
    expect(lines[4]).toBe('-- the same with createClient');
    expect(lines.slice(5)).toEqual(['GOT = "bar"', 'SET = "OK"']);
    expect(stderr).toBe('');
  });

  it('fails with one line and exit code 1 when nothing listens at the address', async () => {
    const failure = await run(process.execPath, [main, '127.0.0.1:1']).then(
      () => null,
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toBe(
      'hello-redis: Could not connect to 127.0.0.1:1: connect ECONNREFUSED 127.0.0.1:1\n',
    );
    expect(failure?.stdout.trim().split('\n').slice(1)).toHaveLength(2);
  });
});
