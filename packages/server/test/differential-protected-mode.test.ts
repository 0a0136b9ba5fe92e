// Protected mode against a real redis-server: while it is on (the
// default) and the default user needs no password, a connection from any
// address but 127.0.0.1 (here 127.0.0.3, still the loopback interface) is
// refused with the DENIED text and closed, and counted in INFO's
// rejected_connections; `CONFIG SET protected-mode no` or a password lets
// it in. Every byte each server sends is compared.
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { hasRedis, rawExchange, useDifferentialServers } from './helpers.js';

// What a connection from `localAddress` gets for PING: every byte until
// the server closes it or 600 ms pass, and whether it closed. PING goes
// only after 200 ms of silence: a refused connection is closed at once,
// and unread input would turn that close into a reset that can lose the
// refusal.
function pingFrom(port: number, localAddress: string): Promise<{ reply: string; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1', localAddress });
    let reply = '';
    const done = (closed: boolean) => {
      clearTimeout(timer);
      clearTimeout(ping);
      socket.destroy();
      resolve({ reply, closed });
    };
    const timer = setTimeout(() => done(false), 600);
    socket.on('data', (chunk: Buffer) => {
      reply += chunk.toString('latin1');
    });
    let ended = false;
    socket.on('end', () => {
      ended = true;
      done(true);
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      clearTimeout(ping);
      reject(error);
    });
    const ping = setTimeout(() => {
      if (!ended && reply === '') socket.write('PING\r\n');
    }, 200);
  });
}

async function rejected(port: number): Promise<number> {
  const info = await rawExchange(port, [['INFO', 'stats']]);
  return Number(/rejected_connections:(\d+)/.exec(info)![1]);
}

describe.skipIf(!hasRedis())('differential: protected mode', () => {
  const ports = useDifferentialServers();

  it('refuses other addresses than 127.0.0.1 while on with no password, and admits them when off or with one', async () => {
    const outcomes = [];
    for (const port of [ports.redis, ports.ours]) {
      const before = await rejected(port);
      const steps = [
        await rawExchange(port, [['CONFIG', 'GET', 'protected-mode']]),
        await pingFrom(port, '127.0.0.1'),
        await pingFrom(port, '127.0.0.3'),
      ];
      const counted = (await rejected(port)) - before;
      await rawExchange(port, [['CONFIG', 'SET', 'protected-mode', 'no']]);
      steps.push(await pingFrom(port, '127.0.0.3'));
      await rawExchange(port, [
        ['CONFIG', 'SET', 'protected-mode', 'yes'],
        ['CONFIG', 'SET', 'requirepass', 'pw'],
      ]);
      // With a password, protected mode lets it connect (to authenticate).
      steps.push(await pingFrom(port, '127.0.0.3'));
      await rawExchange(port, [
        ['AUTH', 'pw'],
        ['CONFIG', 'SET', 'requirepass', ''],
      ]);
      outcomes.push({ steps, counted });
    }
    const [redis, ours] = outcomes;
    expect(redis!.counted).toBe(1);
    expect(redis!.steps[2]).toMatchObject({ closed: true });
    expect((redis!.steps[2] as { reply: string }).reply).toMatch(
      /^-DENIED Redis is running in protected mode because protected mode is enabled and no password is set for the default user\. .*\r\n$/,
    );
    expect(ours).toEqual(redis);
  });
});
