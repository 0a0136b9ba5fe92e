// tcp-keepalive against a real redis-server: CONFIG GET and SET with their
// errors, and the keepalive timer each server arms on the connections it
// accepts, read from Linux's /proc/net/tcp (the `tr` and `tm->when`
// columns of the server's end of the connection): 300 s by default, the
// value set for connections accepted after CONFIG SET, none for 0.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareEach, hasRedis, RawClient, useDifferentialServers } from './helpers.js';

const enabled = hasRedis() && existsSync('/proc/net/tcp');

// The timer on the server's end of the connection from `clientPort` to
// `serverPort`, as "keepalive in about N s" or "no timer".
function serverEndTimer(serverPort: number, clientPort: number): string {
  const hex = (port: number) => port.toString(16).toUpperCase().padStart(4, '0');
  const line = readFileSync('/proc/net/tcp', 'latin1')
    .split('\n')
    .map((row) => row.trim().split(/\s+/))
    .find(
      (fields) =>
        fields[1]?.endsWith(`:${hex(serverPort)}`) && fields[2]?.endsWith(`:${hex(clientPort)}`),
    );
  if (line === undefined) return 'no such connection';
  const [timer, when] = line[5]!.split(':') as [string, string];
  if (timer === '00') return 'no timer';
  // Clock ticks (USER_HZ, 100 a second) until it fires; rounded up to the
  // tens of seconds, so a run a little slower reads the same.
  const seconds = Number.parseInt(when, 16) / 100;
  return `timer ${timer}, fires in about ${Math.ceil(seconds / 10) * 10} s`;
}

describe.skipIf(!enabled)('differential: tcp-keepalive', () => {
  const ports = useDifferentialServers();

  it('CONFIG GET and SET, with the errors', async () => {
    await compareEach(
      ports,
      [
        ['CONFIG', 'GET', 'tcp-keepalive'],
        ['CONFIG', 'SET', 'tcp-keepalive', '-1'],
        ['CONFIG', 'SET', 'tcp-keepalive', 'x'],
        ['CONFIG', 'SET', 'tcp-keepalive', '2147483648'],
        ['CONFIG', 'SET', 'tcp-keepalive', '60'],
        ['CONFIG', 'GET', 'tcp-keepalive'],
        ['CONFIG', 'SET', 'tcp-keepalive', '300'],
      ],
      { reset: [['CONFIG', 'SET', 'tcp-keepalive', '300']] },
    );
  });

  it('arms a keepalive timer on each accepted connection: 300 s, then the value set, none for 0', async () => {
    const timers = async (port: number) => {
      const seen: string[] = [];
      const admin = await RawClient.connect(port);
      try {
        for (const setting of ['300', '100', '0']) {
          admin.send([['CONFIG', 'SET', 'tcp-keepalive', setting]]);
          await admin.read(1);
          const client = await RawClient.connect(port);
          client.send([['CLIENT', 'INFO']]);
          // The client's own port, from the server's view of it.
          const clientPort = Number(/addr=[^ ]*:(\d+) /.exec(await client.read(1))![1]);
          seen.push(`${setting}: ${serverEndTimer(port, clientPort)}`);
          client.close();
        }
        return seen;
      } finally {
        admin.send([['CONFIG', 'SET', 'tcp-keepalive', '300']]);
        await admin.read(1);
        admin.close();
      }
    };
    const expected = await timers(ports.redis);
    expect(expected).toEqual([
      '300: timer 02, fires in about 300 s',
      '100: timer 02, fires in about 100 s',
      '0: no timer',
    ]);
    expect(await timers(ports.ours)).toEqual(expected);
  });
});
