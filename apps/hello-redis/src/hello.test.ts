import { createServer, type Server } from '@mini-redis/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tutorial, withClient } from './hello.js';

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
});

describe('withClient', () => {
  it('does the same through createClient', async () => {
    const outcome = await withClient(address, () => {});
    expect(outcome.set).toBe('OK');
    expect(outcome.got === null || outcome.got === 'bar').toBe(true);
  });
});
