// Helpers for the server's integration tests: our server on an ephemeral
// port, plus the shared real-Redis and raw-client support.

import { RawClient, type RealRedis, startRealRedis } from '@mini-redis/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createServer, type Server, ServerError, type ServerOptions } from '../src/index.js';

export {
  hasRedis,
  RawClient,
  type RealRedis,
  rawExchange,
  startRealRedis,
} from '@mini-redis/testing';

export async function startServer(
  options: ServerOptions = {},
): Promise<{ server: Server; port: number }> {
  const server = createServer({ port: 0, ...options });
  const { port } = await server.listen();
  return { server, port };
}

/**
 * For a differential suite: starts our server and a real redis-server
 * (with the same `requirepass` and `enable-debug-command`, if given)
 * before its tests and stops both
 * after. Returns their ports, readable
 * once the tests run.
 */
export function useDifferentialServers(
  options: { requirepass?: string; enableDebugCommand?: 'yes' | 'local' } = {},
): {
  readonly ours: number;
  readonly redis: number;
} {
  let ours: { server: Server; port: number } | undefined;
  let redis: RealRedis | undefined;
  beforeAll(async () => {
    ours = await startServer(options);
    redis = await startRealRedis([
      ...(options.requirepass === undefined ? [] : ['--requirepass', options.requirepass]),
      ...(options.enableDebugCommand === undefined
        ? []
        : ['--enable-debug-command', options.enableDebugCommand]),
    ]);
  });
  afterAll(async () => {
    await ours?.server.close();
    await redis?.stop();
  });
  return {
    get ours() {
      return ours!.port;
    },
    get redis() {
      return redis!.port;
    },
  };
}

/**
 * A seeded xorshift32 generator of numbers in [0, 1), for the random
 * differential scripts: a failure names its seed, and the seed reproduces
 * it.
 */
export function seededRandom(seed: number): () => number {
  let state = seed * 0x9e3779b9 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

const END_OF_SCRIPT = 'end of script';

/**
 * Runs `commands` on a new connection to `port`, after FLUSHALL and HELLO
 * `protocol`, and resolves the reply bytes (as Latin-1 text) through the
 * reply to a closing PING.
 */
export async function runScript(
  port: number,
  protocol: 2 | 3,
  commands: string[][],
): Promise<string> {
  const client = await RawClient.connect(port);
  try {
    client.send([['FLUSHALL'], ['HELLO', String(protocol)]]);
    await client.read(2);
    client.send([...commands, ['PING', END_OF_SCRIPT]]);
    let text = '';
    while (!text.endsWith(`${END_OF_SCRIPT}\r\n`)) text += await client.read(1);
    return text;
  } finally {
    client.close();
  }
}

/**
 * Sends each command to both servers, on one connection each, and expects
 * the same reply bytes back, after `normalize`; a mismatch names the
 * command. `reset` commands then go to both whatever happened (their
 * replies read, not compared), so a failed test leaves no setting changed
 * for the next.
 */
export async function compareEach(
  ports: { readonly redis: number; readonly ours: number },
  commands: readonly (readonly (string | Buffer)[])[],
  options: {
    normalize?: (reply: string) => string;
    reset?: readonly (readonly string[])[];
  } = {},
): Promise<void> {
  const normalize = options.normalize ?? ((reply: string) => reply);
  const reset = options.reset ?? [];
  const [theirs, mine] = await Promise.all([
    RawClient.connect(ports.redis),
    RawClient.connect(ports.ours),
  ]);
  try {
    for (const command of commands) {
      theirs.send([[...command]]);
      mine.send([[...command]]);
      const [expected, actual] = await Promise.all([theirs.read(1), mine.read(1)]);
      const named = command.map((arg) => (typeof arg === 'string' ? arg : '<bytes>')).join(' ');
      expect(normalize(actual), named.slice(0, 200)).toBe(normalize(expected));
    }
  } finally {
    for (const client of [theirs, mine]) {
      if (reset.length > 0 && !client.closed) {
        client.send(reset.map((command) => [...command]));
        await client.read(reset.length);
      }
      client.close();
    }
  }
}

/** The seeds `from-to` (or one seed) names: an environment variable's hunt. */
export function seedRange(text: string): number[] {
  const [from, to = from] = text.split('-').map(Number) as [number, number?];
  return Array.from({ length: to! - from + 1 }, (_, i) => from + i);
}

/**
 * For a differential suite of seeded random scripts: one test per seed
 * and protocol running `script(seed)` on both servers, the replies
 * compared line by line (so a failure shows where); `mustContain` is a
 * reply text Redis's replies must hold, to show the script reached what it
 * is there to test. SCRIPT_SEEDS=1001-1500 runs those seeds instead, to
 * hunt for differences; `mustContain` is not required of them.
 */
export function compareSeededScripts(
  ports: { readonly ours: number; readonly redis: number },
  seeds: readonly number[],
  script: (seed: number) => string[][],
  mustContain: string,
): void {
  const hunt = process.env.SCRIPT_SEEDS;
  if (hunt !== undefined) seeds = seedRange(hunt);
  for (const seed of seeds) {
    for (const protocol of [2, 3] as const) {
      it(`seed ${seed} in RESP${protocol}`, async () => {
        const commands = script(seed);
        const expected = await runScript(ports.redis, protocol, commands);
        const actual = await runScript(ports.ours, protocol, commands);
        expect(actual.split('\r\n')).toEqual(expected.split('\r\n'));
        if (hunt === undefined) expect(expected).toContain(mustContain);
      });
    }
  }
}

/**
 * What `createServer(options)` throws: a ServerError, whose code and
 * message a test compares (fails the test when nothing or another error
 * is thrown).
 */
export function creationRefusal(options: ServerOptions): { code: string; message: string } {
  let thrown: unknown;
  try {
    createServer({ port: 0, ...options });
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ServerError);
  return { code: (thrown as ServerError).code, message: (thrown as ServerError).message };
}
