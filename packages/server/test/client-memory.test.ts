// What CLIENT LIST says a connection holds (qbuf, argv-mem, multi-mem,
// rbs, rbp, obl, oll, omem, tot-mem, events), exactly, in the states
// that hold memory: running a command, partly read, blocked, in a
// transaction, not reading its replies, after a large reply; INFO's
// recent peaks; and MEMORY STATS's clients.normal as the sum of every
// connection's tot-mem.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from '../src/index.js';
import { RawClient, startServer } from './helpers.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const FIELDS = [
  'qbuf',
  'qbuf-free',
  'argv-mem',
  'multi-mem',
  'rbs',
  'rbp',
  'obl',
  'oll',
  'omem',
  'tot-mem',
  'events',
] as const;

// The buffer fields of the CLIENT LIST line named `name`.
function fieldsOf(list: string, name: string): Record<string, string> {
  const line = list.split('\n').find((entry) => entry.includes(` name=${name} `));
  if (line === undefined) throw new Error(`no client named ${name} in ${list}`);
  const fields: Record<string, string> = {};
  for (const field of FIELDS) fields[field] = new RegExp(` ${field}=(\\S+)`).exec(line)?.[1] ?? '';
  return fields;
}

describe('client memory in CLIENT LIST', () => {
  let server: Server;
  let port: number;
  const clients: RawClient[] = [];

  beforeAll(async () => {
    ({ server, port } = await startServer());
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await server.close();
  });

  async function named(name: string): Promise<RawClient> {
    const client = await RawClient.connect(port);
    clients.push(client);
    client.send([['CLIENT', 'SETNAME', name]]);
    await client.read(1);
    return client;
  }

  async function list(): Promise<string> {
    const admin = await named(`admin${clients.length}`);
    admin.send([['CLIENT', 'LIST']]);
    return admin.read(1);
  }

  it('counts the command running: its read and its arguments, as Redis does', async () => {
    const client = await named('self');
    client.send([['CLIENT', 'LIST']]);
    const own = fieldsOf(await client.read(1), 'self');
    // *2 $6 CLIENT $4 LIST is 26 bytes; CLIENT and LIST 10 (Redis says the same).
    expect(own).toEqual({
      qbuf: '26',
      'qbuf-free': '0',
      'argv-mem': '10',
      'multi-mem': '0',
      rbs: '16384',
      // The SETNAME's +OK.
      rbp: '5',
      obl: '0',
      oll: '0',
      omem: '0',
      'tot-mem': String(16384 + 26 + 10),
      events: 'r',
    });
  });

  it('counts a command partly read: its arguments so far, and the rest of the input', async () => {
    const client = await named('partial');
    client.write('*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$100000\r\nabc');
    await sleep(100);
    // The argument announced 100,000 bytes and its CRLF: the rest counts
    // as reserved, as Redis reserves it.
    expect(fieldsOf(await list(), 'partial')).toMatchObject({
      qbuf: '3',
      'qbuf-free': '99999',
      'argv-mem': '4',
      'tot-mem': String(16384 + 3 + 99999 + 4),
    });
  });

  it("counts a blocked command's arguments, and a transaction's queued commands", async () => {
    const blocked = await named('blocked');
    blocked.send([['BLPOP', 'nothing', '0']]);
    const queued = await named('queued');
    queued.send([['MULTI'], ['SET', 'k', 'x'.repeat(100)], ['GET', 'k']]);
    await queued.read(3);
    const all = await list();
    // BLPOP, nothing and 0.
    expect(fieldsOf(all, 'blocked')).toMatchObject({ qbuf: '0', 'argv-mem': '13' });
    // As the transaction's bound counts them: argument bytes, 96 per
    // command, 16 per argument: (104 + 96 + 48) + (4 + 96 + 32).
    expect(fieldsOf(all, 'queued')).toMatchObject({
      'multi-mem': '380',
      'tot-mem': String(16384 + 380),
    });
  });

  it('reports the peak batch of replies, and lets the reply buffer grown for a large one go', async () => {
    const client = await named('replies');
    client.send([['SET', 'v', 'x'.repeat(3000)]]);
    await client.read(1);
    client.send([['GET', 'v']]);
    await client.read(1);
    expect(fieldsOf(await list(), 'replies')).toMatchObject({ rbs: '16384', rbp: '3009' });
    client.send([
      ['SET', 'big', 'x'.repeat(100_000)],
      ['GET', 'big'],
    ]);
    await client.read(2);
    // The 100 KB reply needed a buffer of its own, let go once written.
    expect(fieldsOf(await list(), 'replies')).toMatchObject({ rbs: '0', 'tot-mem': '0' });
  });

  it('counts output a client does not read: the first 16 KiB as obl, the rest as omem in 16 KiB blocks', async () => {
    const admin = await named('filler');
    admin.send([['SET', 'huge', 'h'.repeat(1_000_000)]]);
    await admin.read(1);
    const slow = await named('slow');
    slow.pause();
    // More than the kernel's buffers take: the rest waits in the server.
    slow.send(Array.from({ length: 40 }, () => ['GET', 'huge']));
    await sleep(300);
    const fields = fieldsOf(await list(), 'slow');
    const omem = Number(fields.omem);
    expect(omem).toBeGreaterThan(1_000_000);
    expect(fields.obl).toBe('16384');
    expect(fields.oll).toBe(String(Math.ceil(omem / 16384)));
    expect(fields.events).toBe('rw');
    expect(Number(fields['tot-mem'])).toBe(omem + Number(fields.rbs));
    // INFO's recent peak, sampled once a second, has seen it.
    await sleep(1100);
    const info = await named('info');
    info.send([['INFO', 'clients']]);
    const peak = Number(/client_recent_max_output_buffer:(\d+)/.exec(await info.read(1))![1]);
    expect(peak).toBeGreaterThanOrEqual(omem);
    slow.close();
    // Gone from the server before the next test sums the connections.
    for (let tries = 0; tries < 100 && (await list()).includes(' name=slow '); tries++)
      await sleep(20);
  });

  it("sums every connection's tot-mem into MEMORY STATS's clients.normal", async () => {
    const admin = await named('sum');
    // Each command sees the others idle and itself running.
    admin.send([['CLIENT', 'LIST']]);
    const all = await admin.read(1);
    admin.send([['MEMORY', 'STATS']]);
    const stats = await admin.read(1);
    const normal = Number(/clients\.normal\r\n:(\d+)/.exec(stats)![1]);
    let others = 0;
    for (const line of all.split('\n').filter((entry) => entry.includes(' name=')))
      if (!line.includes(' name=sum ')) others += Number(/ tot-mem=(\d+)/.exec(line)![1]);
    // MEMORY STATS itself: 27 bytes read, 11 of arguments.
    expect(normal).toBe(others + 16384 + 27 + 11);
  });
});

describe('client eviction reports', () => {
  it('tells onWarning whom it closed, with the CLIENT LIST line, and counts it until CONFIG RESETSTAT', async () => {
    const warnings: string[] = [];
    const { server, port } = await startServer({ onWarning: (line) => warnings.push(line) });
    const admin = await RawClient.connect(port);
    const client = await RawClient.connect(port);
    try {
      admin.send([
        ['CLIENT', 'NO-EVICT', 'ON'],
        ['CONFIG', 'SET', 'maxmemory-clients', '200000'],
      ]);
      await admin.read(2);
      client.send([['CLIENT', 'SETNAME', 'greedy']]);
      await client.read(1);
      // The length alone reserves 300 KB: closed before the bytes come.
      client.write('*2\r\n$3\r\nSET\r\n$300000\r\n');
      expect(await client.waitClosed(3000)).toBe(true);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(
        /^Evicting client: id=\d+ addr=127\.0\.0\.1:\d+ .* name=greedy .* qbuf=0 qbuf-free=300002 argv-mem=3 .* tot-mem=316389 events=r cmd=client\|setname /,
      );
      admin.send([
        ['INFO', 'stats'],
        ['CONFIG', 'RESETSTAT'],
        ['INFO', 'stats'],
      ]);
      const stats = await admin.read(3);
      expect([...stats.matchAll(/evicted_clients:(\d+)/g)].map((match) => match[1])).toEqual([
        '1',
        '0',
      ]);
    } finally {
      admin.close();
      client.close();
      await server.close();
    }
  });
});
