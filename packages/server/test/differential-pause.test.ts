// CLIENT PAUSE and CLIENT UNPAUSE against a real redis-server: which
// commands wait (all of them, or those that write, PUBLISH, SPUBLISH,
// PFCOUNT, EVAL and FCALL unless their script says no-writes, and EXEC of
// a transaction holding one), what answers at once (reads in WRITE mode,
// unknown commands, arity errors), how the held clients look meanwhile
// (CLIENT LIST's `b` flag, INFO's blocked_clients), the order the held
// commands run in at the end, and the argument errors. The transcripts,
// reply bytes in the order they came, must match.
import { describe, expect, it } from 'vitest';
import { hasRedis, RawClient, useDifferentialServers } from './helpers.js';

const enabled = hasRedis();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// CLIENT LIST lines cut to what a pause changes: flags and the command.
function listed(reply: string): string {
  return reply.replace(/\$\d+\r\n/, '').replace(/id=\d+ .*?(flags=\S+) .*?(cmd=\S+) .*/g, '$1 $2');
}

describe.skipIf(!enabled)('differential: CLIENT PAUSE', () => {
  const ports = useDifferentialServers();

  async function connectAll(port: number, count: number): Promise<RawClient[]> {
    return Promise.all(Array.from({ length: count }, () => RawClient.connect(port)));
  }

  // Reads what came within `ms`: nothing, for a client whose command waits.
  async function quiet(client: RawClient, ms = 150): Promise<string> {
    await sleep(ms);
    return client.drain();
  }

  async function writeMode(port: number): Promise<string[]> {
    const [admin, reader, publisher, tx, shardPublisher] = (await connectAll(port, 5)) as [
      RawClient,
      RawClient,
      RawClient,
      RawClient,
      RawClient,
    ];
    const log: string[] = [];
    try {
      admin.send([['FLUSHALL'], ['CLIENT', 'PAUSE', '100000', 'WRITE']]);
      log.push(`admin ${await admin.read(2)}`);
      // The read answers; the SET waits, and what follows it with it.
      reader.send([['GET', 'k'], ['SET', 'k', '1'], ['GET', 'k'], ['FOO']]);
      log.push(`reader ${await reader.read(1)}`);
      publisher.send([['PUBLISH', 'news', 'm']]);
      shardPublisher.send([['SPUBLISH', 'news', 'm']]);
      // A transaction of reads runs; one that would queue a write waits.
      tx.send([['MULTI'], ['GET', 'k'], ['EXEC'], ['MULTI'], ['SET', 'k', '2']]);
      log.push(`tx ${await tx.read(4)}`);
      log.push(
        `reader waits: ${await quiet(reader)}`,
        `publisher waits: ${await quiet(publisher, 0)}`,
        `shard publisher waits: ${await quiet(shardPublisher, 0)}`,
      );
      log.push(`tx waits: ${await quiet(tx, 0)}`);
      admin.send([['CLIENT', 'LIST', 'TYPE', 'normal']]);
      log.push(`list ${listed(await admin.read(1))}`);
      admin.send([['INFO', 'clients']]);
      log.push(/blocked_clients:\d+/.exec(await admin.read(1))![0]);
      // Arguments, while paused (CLIENT is not a write).
      admin.send([
        ['CLIENT', 'PAUSE', '-1'],
        ['CLIENT', 'PAUSE', 'abc'],
        ['CLIENT', 'PAUSE', '10', 'BOGUS'],
        ['CLIENT', 'PAUSE', '10', 'WRITE', 'x'],
        ['CLIENT', 'PAUSE'],
        ['CLIENT', 'UNPAUSE', 'x'],
        ['CLIENT', 'PAUSE', '10', 'write'],
      ]);
      log.push(`errors ${await admin.read(7)}`);
      // The end: the held commands run in the order they were held.
      admin.send([
        ['CLIENT', 'UNPAUSE'],
        ['GET', 'k'],
      ]);
      log.push(`unpause ${await admin.read(2)}`);
      log.push(`reader ${await reader.read(3)}`);
      log.push(`publisher ${await publisher.read(1)}`);
      log.push(`shard publisher ${await shardPublisher.read(1)}`);
      log.push(`tx ${await tx.read(1)}`);
      tx.send([['EXEC'], ['GET', 'k']]);
      log.push(`tx ${await tx.read(2)}`);
      admin.send([['INFO', 'clients']]);
      log.push(/blocked_clients:\d+/.exec(await admin.read(1))![0]);
      return log;
    } finally {
      for (const client of [admin, reader, publisher, tx, shardPublisher]) client.close();
    }
  }

  async function allMode(port: number): Promise<string[]> {
    const [admin, other, subscriber] = (await connectAll(port, 3)) as [
      RawClient,
      RawClient,
      RawClient,
    ];
    const log: string[] = [];
    try {
      subscriber.send([['SUBSCRIBE', 'news']]);
      await subscriber.read(1);
      // A WRITE pause made stricter: ALL, with the later end kept.
      admin.send([
        ['CLIENT', 'PAUSE', '600', 'WRITE'],
        ['CLIENT', 'PAUSE', '50'],
        ['PING', 'own'],
      ]);
      log.push(`admin ${await admin.read(2)}`);
      other.send([['FOO']]);
      log.push(`unknown ${await other.read(1)}`);
      other.send([['GET', 'k'], ['GET'], ['CLIENT', 'UNPAUSE'], ['QUIT']]);
      subscriber.send([['PING']]);
      // Past the 50 ms, well before the 600: everything still waits, the
      // arity error too (it came after a held command).
      log.push(`other waits: ${await quiet(other, 250)}`, `admin waits: ${await quiet(admin, 0)}`);
      log.push(`subscriber waits: ${await quiet(subscriber, 0)}`);
      log.push(`admin ${await admin.read(1, 3000)}`);
      log.push(`other ${await other.read(4, 3000)}`, `closed ${await other.waitClosed()}`);
      log.push(`subscriber ${await subscriber.read(1, 3000)}`);
      return log;
    } finally {
      for (const client of [admin, other, subscriber]) client.close();
    }
  }

  // Which scripting commands, and PFCOUNT, a WRITE pause holds: each
  // probe on a connection of its own, then what each had answered before
  // CLIENT UNPAUSE, and what it answered after.
  async function scriptsInWriteMode(port: number): Promise<string[]> {
    const probes: (string | Buffer)[][] = [
      ['EVAL', 'return 1', '0'],
      ['EVALSHA', 'e0e1f9fabfc9d4800c877a703b823ac0578ff8db', '0'],
      ['EVALSHA', '0123456789012345678901234567890123456789', '0'],
      ['EVALSHA', 'e0e1f9fabfc9d4800c877a703b823ac0578ff8d', '0'],
      ['EVAL', '#!lua\nreturn 2', '0'],
      ['EVAL', '#!lua flags=no-writes\nreturn 3', '0'],
      ['EVAL', '#!lua flags=allow-oom\nreturn 4', '0'],
      ['EVAL', '#!lua flags=bogus\nreturn 5', '0'],
      ['EVAL_RO', 'return 6', '0'],
      ['EVAL_RO', '#!lua\nreturn 7', '0'],
      ['FCALL', 'writes', '0'],
      ['FCALL', 'reads', '0'],
      ['FCALL_RO', 'reads', '0'],
      ['FCALL', 'nosuch', '0'],
      ['PFCOUNT', 'h'],
      ['PFCOUNT', 'h', 'h2'],
      ['SCRIPT', 'EXISTS', 'e0e1f9fabfc9d4800c877a703b823ac0578ff8db'],
      // A container's subcommand has flags of its own.
      ['FUNCTION', 'DELETE', 'nosuchlib'],
      ['FUNCTION', 'LIST', 'LIBRARYNAME', 'nosuchlib'],
      ['OBJECT', 'ENCODING', 'h'],
    ];
    const admin = await RawClient.connect(port);
    const tx = await RawClient.connect(port);
    const clients = await connectAll(port, probes.length);
    const log: string[] = [];
    try {
      admin.send([
        ['FLUSHALL'],
        ['SCRIPT', 'FLUSH'],
        ['FUNCTION', 'FLUSH'],
        ['PFADD', 'h', 'a'],
        ['SCRIPT', 'LOAD', 'return 1'],
        [
          'FUNCTION',
          'LOAD',
          "#!lua name=pause\nredis.register_function('writes', function() return 8 end)\nredis.register_function{function_name='reads', callback=function() return 9 end, flags={'no-writes'}}",
        ],
      ]);
      log.push(`setup ${await admin.read(6)}`);
      // Queued before the pause: EXEC then carries the EVAL's flags.
      tx.send([['MULTI'], ['EVAL', 'return 10', '0']]);
      log.push(`tx ${await tx.read(2)}`);
      admin.send([['CLIENT', 'PAUSE', '100000', 'WRITE']]);
      log.push(`pause ${await admin.read(1)}`);
      probes.forEach((probe, i) => {
        clients[i]!.send([probe]);
      });
      tx.send([['EXEC']]);
      await sleep(200);
      probes.forEach((probe, i) => {
        log.push(`${probe.join(' ')} before: ${clients[i]!.drain()}`);
      });
      log.push(`EXEC before: ${tx.drain()}`);
      admin.send([['CLIENT', 'UNPAUSE']]);
      log.push(`unpause ${await admin.read(1)}`);
      for (const [i, probe] of probes.entries()) {
        const before = log.find((line) => line.startsWith(`${probe.join(' ')} before: `))!;
        // Those that waited answer now.
        if (before.endsWith('before: '))
          log.push(`${probe.join(' ')} after: ${await clients[i]!.read(1, 3000)}`);
      }
      log.push(`EXEC after: ${await tx.read(1, 3000)}`);
      return log;
    } finally {
      for (const client of [admin, tx, ...clients]) client.close();
    }
  }

  it('WRITE holds EVAL, EVALSHA, FCALL and PFCOUNT, unless the script or function says no-writes, and EXEC of a transaction that queued one', async () => {
    const expected = await scriptsInWriteMode(ports.redis);
    expect(expected).toContain('EVAL return 1 0 before: ');
    expect(expected).toContain('FCALL reads 0 before: :9\r\n');
    expect(expected).toContain('EXEC before: ');
    expect(await scriptsInWriteMode(ports.ours)).toEqual(expected);
  });

  it('CLIENT NO-EVICT shows as the e flag, and RESET leaves it', async () => {
    const run = async (port: number) => {
      const client = await RawClient.connect(port);
      try {
        client.send([
          ['CLIENT', 'NO-EVICT', 'on'],
          ['CLIENT', 'INFO'],
          ['RESET'],
          ['CLIENT', 'INFO'],
          ['CLIENT', 'NO-EVICT', 'off'],
          ['CLIENT', 'INFO'],
        ]);
        return listed(await client.read(6)).replace(/\$\d+\r\n/g, '');
      } finally {
        client.close();
      }
    };
    const expected = await run(ports.redis);
    expect(expected).toContain('flags=e cmd=client|info');
    expect(await run(ports.ours)).toBe(expected);
  });

  it('WRITE holds writes, PUBLISH, SPUBLISH and transactions that write, until CLIENT UNPAUSE', async () => {
    const expected = await writeMode(ports.redis);
    expect(expected).toContain('reader $-1\r\n');
    expect(expected).toContain('reader waits: ');
    expect(expected).toContain('blocked_clients:4');
    expect(await writeMode(ports.ours)).toEqual(expected);
  });

  it('ALL holds every command after the checks that answer at once, until the later end', async () => {
    const expected = await allMode(ports.redis);
    expect(expected).toContain('other waits: ');
    expect(await allMode(ports.ours)).toEqual(expected);
  });
});
