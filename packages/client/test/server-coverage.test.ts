// Every command @mini-redis/server has must have a typed method here, or a
// stated reason not to: the server's own COMMAND LIST is the list.
import { createServer } from '@mini-redis/server';
import { describe, expect, it } from 'vitest';
import { createClient, RedisClient } from '../src/index.js';

// Commands reached another way than a method of the same name.
const ELSEWHERE: Record<string, string> = {
  auth: 'the password and username options',
  hello: 'the handshake',
  quit: 'close()',
  reset: 'refused: it would reset the shared connection',
  client: 'its subcommands, through command() and the name option',
  config: 'its subcommands, through command()',
  command: 'its subcommands, through command()',
  pubsub: 'its subcommands, through command()',
  subscribe: 'createSubscriber() and connect().subscribe()',
  unsubscribe: 'createSubscriber() and connect().subscribe()',
  psubscribe: 'createSubscriber() and connect().subscribe()',
  punsubscribe: 'createSubscriber() and connect().subscribe()',
  monitor: 'createMonitor() and connect().monitor()',
  multi: 'multi()...exec()',
  exec: 'multi()...exec()',
  discard: 'multi()...exec(), which never leaves a transaction open',
};

// bitfield_ro -> bitfieldRo
const methodName = (command: string) =>
  command.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

describe('typed methods cover @mini-redis/server', () => {
  it('has a method for every command the server lists, or a reason', async () => {
    const server = createServer({ port: 0 });
    const { port } = await server.listen();
    try {
      await using client = createClient(`127.0.0.1:${port}`);
      const names = (await client.command(['COMMAND', 'LIST'])) as string[];
      expect(names.length).toBeGreaterThan(70);
      // Subcommands (`client|list`) are listed too, and go with their container.
      const missing = names
        .filter((name) => !(name.split('|')[0]! in ELSEWHERE))
        .filter(
          (name) => typeof Reflect.get(RedisClient.prototype, methodName(name)) !== 'function',
        );
      expect(missing).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
