// Drives the mini-redis-cli binary against an embedded server.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from '@mini-redis/client';
import { createServer, type Server } from '@mini-redis/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../bin/mini-redis-cli.js', import.meta.url));
let server: Server;
let port: string;

beforeAll(async () => {
  server = createServer({ port: 0 });
  port = String((await server.listen()).port);
});

afterAll(async () => {
  await server.close();
});

function cli(
  args: string[],
  input?: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

describe('mini-redis-cli', () => {
  it('runs mini-redis commands and prints replies as redis-cli does', async () => {
    expect((await cli(['--port', port, 'set', 'greeting', 'hello world'])).stdout).toBe('OK\n');
    expect((await cli(['--port', port, 'get', 'greeting'])).stdout).toBe('"hello world"\n');
    expect((await cli(['--port', port, 'get', 'missing'])).stdout).toBe('(nil)\n');
    expect((await cli(['--port', port, 'ping'])).stdout).toBe('PONG\n');
    expect(
      (await cli(['--url', `redis://127.0.0.1:${port}`, 'publish', 'nobody', 'x'])).stdout,
    ).toBe('(integer) 0\n');
    expect((await cli(['--port', port, 'set', 'short', 'v', '--expires', '60000'])).stdout).toBe(
      'OK\n',
    );
  });

  it('prints a usage line and exits 1 on bad arguments, without a stack trace', async () => {
    for (const args of [
      ['get'],
      ['frobnicate'],
      ['--port', 'x', 'ping'],
      ['set', 'k', 'v', '--expires', '0'],
      ['--bogus'],
    ]) {
      const { code, stderr, stdout } = await cli(['--port', port, ...args]);
      expect(code).toBe(1);
      expect(stderr).toContain('usage: mini-redis-cli');
      expect(stderr).not.toContain('    at ');
      expect(stdout).toBe('');
    }
  });

  it('talks to the server through its Unix socket with --socket, or a unix: --url', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mini-redis-cli-'));
    const path = join(dir, 'redis.sock');
    const onSocket = createServer({ port: 0, unixSocket: path });
    await onSocket.listen();
    try {
      expect((await cli(['--socket', path, 'set', 'via', 'socket'])).stdout).toBe('OK\n');
      expect((await cli(['--url', `unix://${path}`, 'get', 'via'])).stdout).toBe('"socket"\n');
      expect((await cli(['--socket', path], 'CLIENT INFO\n')).stdout).toContain(
        `addr=${path}:0 laddr=${path}:0`,
      );
    } finally {
      await onSocket.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports an unreachable server in one line with exit code 1', async () => {
    const { code, stderr } = await cli(['--port', '1', 'ping']);
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('Could not connect to 127.0.0.1:1');
  });

  it('subscribes and prints each message until interrupted', async () => {
    const child = spawn(process.execPath, [bin, '--port', port, 'subscribe', 'news', 'sport'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    await using publisher = createClient(`127.0.0.1:${port}`);
    // Publish until the subscription is in place, then once more.
    for (let i = 0; i < 200 && (await publisher.publish('news', 'hello')) === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await publisher.publish('sport', 'goal');
    for (let i = 0; i < 200 && !stdout.includes('goal'); i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGINT');
    await exited;
    expect(stdout).toBe('"news": "hello"\n"sport": "goal"\n');
  });

  it('monitors, printing each line as redis-cli does, until interrupted', async () => {
    const child = spawn(process.execPath, [bin, '--port', port, 'monitor'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    for (let i = 0; i < 200 && !stdout.startsWith('OK\n'); i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    await using client = createClient(`127.0.0.1:${port}`);
    await client.set('watched', 'a "b"');
    for (let i = 0; i < 200 && !stdout.includes('"watched"'); i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGINT');
    await exited;
    expect(stdout).toMatch(
      /^OK\n(\d+\.\d{6} \[0 127\.0\.0\.1:\d+\] "[A-Z]+"[^\n]*\n)*\d+\.\d{6} \[0 127\.0\.0\.1:\d+\] "SET" "watched" "a \\"b\\""\n$/,
    );
  });

  it('streams after MONITOR in interactive mode, until interrupted', async () => {
    const child = spawn(process.execPath, [bin, '--port', port], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stdin.write('MONITOR\n');
    for (let i = 0; i < 200 && !stdout.includes('OK\n'); i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    await using client = createClient(`127.0.0.1:${port}`);
    await client.get('streamed');
    for (let i = 0; i < 200 && !stdout.includes('"streamed"'); i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGINT');
    await exited;
    expect(stdout).toMatch(/> OK\n(.+\n)*\d+\.\d{6} \[0 127\.0\.0\.1:\d+\] "GET" "streamed"\n$/);
  });

  it('prints tracking invalidations read before a reply as redis-cli does', async () => {
    const writer = createClient(`127.0.0.1:${port}`);
    try {
      await writer.set('tracked', 'old');
      const child = spawn(process.execPath, [bin, '--port', port], {
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stdout = '';
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
      });
      const exited = new Promise((resolve) => child.on('exit', resolve));
      const prompt = `127.0.0.1:${port}> `;
      const prompts = async (count: number) => {
        while (stdout.split(prompt).length - 1 < count)
          await new Promise((resolve) => setTimeout(resolve, 10));
      };
      child.stdin.write('HELLO 3\nCLIENT TRACKING ON\nGET tracked\n');
      await prompts(4);
      await writer.set('tracked', 'new');
      child.stdin.end('GET tracked\nQUIT\n');
      await exited;
      expect(stdout.split(prompt).slice(3)).toEqual([
        '"old"\n',
        `-> invalidate: 'tracked'\n"new"\n`,
        '',
      ]);
    } finally {
      await writer.close();
    }
  });

  it('runs any command interactively, with redis-cli formatting', async () => {
    const { stdout } = await cli(
      ['--port', port],
      'SET list "a b"\nMGET list none\nINCR counter\nNOPE\nQUIT\n',
    );
    const prompt = `127.0.0.1:${port}> `;
    expect(stdout.split(prompt).slice(1)).toEqual([
      'OK\n',
      '1) "a b"\n2) (nil)\n',
      '(integer) 1\n',
      "(error) ERR unknown command 'NOPE', with args beginning with: \n",
      '',
    ]);
  });
});
