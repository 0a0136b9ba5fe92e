// Mangled request framing, sent to our server and to a real redis-server
// side by side: every byte each server sends back, and whether it closes
// the connection, must be the same.
//
// Each case is a short valid pipeline (multibulk, sometimes inline) with a
// few byte-level mutations: a byte replaced (often by one of RESP's own:
// '*', '$', CR, LF, '-', digits, quotes), removed, inserted or doubled, or
// the request cut short. That reaches the protocol errors (and the close
// after them), the inline fallback when the first byte is not '*', the
// empty and negative counts Redis ignores, frames left waiting, and the
// replies to the commands before the damage, in the order Redis writes
// them. The hand-written cases in server.test.ts pin the texts we knew;
// this finds the paths between them.
//
// Cases run 40 at a time, each on fresh connections. Keys hold their
// case's number twice ('k07k07'), so one mutation cannot turn them into
// another running case's key; the cases are fixed by their seeds, so a
// pass does not depend on luck.
import { describe, expect, it } from 'vitest';
import { hasRedis, RawClient, seededRandom, useDifferentialServers } from './helpers.js';

type Pick = <T>(list: readonly T[]) => T;

const CASES = 400;
const AT_ONCE = 40;

// Commands that change nothing beyond their case's own keys.
function commandFor(pick: Pick, key: string): string[] {
  return pick([
    () => ['PING'],
    () => ['ECHO', pick(['hi', '', 'a b', '\r\n'])],
    () => ['SET', key, pick(['v', '10', '', 'x y'])],
    () => ['GET', key],
    () => ['INCR', key],
    () => ['APPEND', key, 'ab'],
    () => ['STRLEN', key],
    () => ['DEL', key],
    () => ['EXISTS', key, key],
    () => ['MGET', key, 'nope'],
  ])();
}

function multibulk(args: readonly string[]): string {
  let text = `*${args.length}\r\n`;
  for (const arg of args) text += `$${Buffer.byteLength(arg, 'latin1')}\r\n${arg}\r\n`;
  return text;
}

// Counts and lengths that sit on Redis's rules and limits: string2ll's
// (leading zeros, -0, 64 bits), ignored counts, and the limits for
// clients that have not authenticated (10 arguments, 16 KiB).
const NUMBERS = [
  '0',
  '-1',
  '-0',
  '01',
  '00',
  '11',
  '16385',
  '2147483648',
  '-9999999999999999999',
  '99999999999999999999',
  '',
  '+1',
  '1 ',
];

// The bytes RESP gives meaning to, which mutations favour.
const STRUCTURAL = ['*', '$', '\r', '\n', '-', '0', '1', '9', ' ', '"', "'", '\\'];

/** The request bytes of case `n`, and a description of what was done to them. */
function mangledRequest(n: number): { bytes: Buffer; history: string } {
  const next = seededRandom(n + 1);
  const pick: Pick = (list) => list[Math.floor(next() * list.length)]!;
  const id = String(n % 100).padStart(2, '0');
  const key = `k${id}k${id}`;
  const count = 1 + Math.floor(next() * 4);
  let text = '';
  for (let i = 0; i < count; i++) {
    const args = commandFor(pick, key);
    // An inline command now and then: its arguments must hold no spaces,
    // quotes or line ends to mean the same.
    text +=
      next() < 0.2 && args.every((arg) => /^[a-z0-9]+$/i.test(arg))
        ? `${args.join(' ')}\r\n`
        : multibulk(args);
  }
  let bytes = Buffer.from(text, 'latin1');
  const done: string[] = [];
  const mutations = 1 + Math.floor(next() * 3);
  for (let m = 0; m < mutations && bytes.length > 0; m++) {
    const at = Math.floor(next() * bytes.length);
    const kind = pick(['replace', 'replace', 'remove', 'insert', 'double', 'cut', 'renumber']);
    const byte = next() < 0.7 ? pick(STRUCTURAL).charCodeAt(0) : Math.floor(next() * 256);
    switch (kind) {
      case 'replace':
        bytes = Buffer.concat([bytes.subarray(0, at), Buffer.of(byte), bytes.subarray(at + 1)]);
        break;
      case 'remove':
        bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1)]);
        break;
      case 'insert':
        bytes = Buffer.concat([bytes.subarray(0, at), Buffer.of(byte), bytes.subarray(at)]);
        break;
      case 'double': {
        const end = Math.min(bytes.length, at + 1 + Math.floor(next() * 8));
        bytes = Buffer.concat([
          bytes.subarray(0, end),
          bytes.subarray(at, end),
          bytes.subarray(end),
        ]);
        break;
      }
      case 'cut':
        bytes = bytes.subarray(0, at);
        break;
      case 'renumber': {
        // The first count or length at or after `at`, rewritten.
        const text = bytes.toString('latin1');
        const match = /[*$](-?\d+)/g;
        match.lastIndex = at;
        const found = match.exec(text) ?? /[*$](-?\d+)/.exec(text);
        if (found === null) break;
        const number = pick(NUMBERS);
        const start = found.index + 1;
        bytes = Buffer.concat([
          bytes.subarray(0, start),
          Buffer.from(number, 'latin1'),
          bytes.subarray(start + found[1]!.length),
        ]);
        done.push(`renumber at ${start} (${JSON.stringify(number)})`);
        continue;
      }
    }
    done.push(`${kind} at ${at}${kind === 'replace' || kind === 'insert' ? ` (${byte})` : ''}`);
  }
  return { bytes, history: `case ${n}: ${JSON.stringify(text)}, then ${done.join(', ')}` };
}

// What a server sent back, once it closed or stopped sending.
interface Outcome {
  readonly reply: string;
  readonly closed: boolean;
}

// Collects `client`'s bytes until it closes or `quietMs` pass with none.
async function settle(client: RawClient, quietMs: number): Promise<Outcome> {
  let reply = '';
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, quietMs));
    const more = client.drain();
    reply += more;
    if (client.closed) return { reply: reply + client.drain(), closed: true };
    if (more === '') return { reply, closed: false };
  }
}

async function runCase(ports: { ours: number; redis: number }, n: number): Promise<void> {
  const { bytes, history } = mangledRequest(n);
  const [theirs, mine] = await Promise.all([
    RawClient.connect(ports.redis),
    RawClient.connect(ports.ours),
  ]);
  try {
    theirs.write(bytes);
    mine.write(bytes);
    let [expected, actual] = await Promise.all([settle(theirs, 100), settle(mine, 100)]);
    // A loaded machine may leave one server's replies late: wait longer
    // before calling a difference a difference.
    for (let retry = 0; retry < 8 && JSON.stringify(expected) !== JSON.stringify(actual); retry++) {
      const [later, laterMine] = await Promise.all([settle(theirs, 250), settle(mine, 250)]);
      expected = { reply: expected.reply + later.reply, closed: later.closed };
      actual = { reply: actual.reply + laterMine.reply, closed: laterMine.closed };
    }
    // The message shows both servers' bytes whole.
    const [ours, redis] = [JSON.stringify(actual), JSON.stringify(expected)];
    expect(ours === redis, `${history}\n  ours:  ${ours}\n  redis: ${redis}`).toBe(true);
  } finally {
    theirs.close();
    mine.close();
  }
}

const enabled = hasRedis();

function batches(ports: { ours: number; redis: number }, from: number, to: number): void {
  for (let first = from; first < to; first += AT_ONCE) {
    it(`cases ${first}-${first + AT_ONCE - 1}`, async () => {
      const cases = Array.from({ length: AT_ONCE }, (_, i) => runCase(ports, first + i));
      const outcomes = await Promise.allSettled(cases);
      const failures = outcomes.flatMap((outcome) =>
        outcome.status === 'rejected' ? [String(outcome.reason)] : [],
      );
      expect(failures).toEqual([]);
    });
  }
}

describe.skipIf(!enabled)('differential: mangled request framing', () => {
  batches(useDifferentialServers(), 0, CASES);
});

// With a password set and none given, every command is refused with
// NOAUTH, and Redis's tighter limits on counts and lengths apply.
describe.skipIf(!enabled)('differential: mangled request framing before AUTH', () => {
  batches(useDifferentialServers({ requirepass: 'pw' }), CASES, CASES + CASES / 2);
});

// CONFIG SET of a request limit applies to the connections already open,
// and to the rest of the read it came in: Redis reads the limits for
// each command it parses.
describe.skipIf(!enabled)('differential: request limits changed while connected', () => {
  const ports = useDifferentialServers();

  it('a lowered proto-max-bulk-len refuses the next bulk, on this and on another open connection', async () => {
    // The header alone: refused as it is read, so no unread input is
    // left to turn either server's close into a reset.
    const lower = '*4\r\n$6\r\nCONFIG\r\n$3\r\nSET\r\n$18\r\nproto-max-bulk-len\r\n$3\r\n1mb\r\n';
    const set = `*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$${2 * 1024 * 1024}\r\n`;
    const outcomes = [];
    for (const port of [ports.redis, ports.ours]) {
      const [same, other] = await Promise.all([RawClient.connect(port), RawClient.connect(port)]);
      try {
        // Open before the change, and written to after it.
        other.write('PING\r\n');
        await other.read(1);
        same.write(lower + set);
        const first = await settle(same, 100);
        other.write(set);
        const second = await settle(other, 100);
        outcomes.push({ first, second });
      } finally {
        same.close();
        other.close();
        const restore = await RawClient.connect(port);
        restore.send([['CONFIG', 'SET', 'proto-max-bulk-len', '512mb']]);
        await restore.read(1);
        restore.close();
      }
    }
    const [redis, ours] = outcomes;
    expect(redis).toEqual({
      first: { reply: '+OK\r\n-ERR Protocol error: invalid bulk length\r\n', closed: true },
      second: { reply: '-ERR Protocol error: invalid bulk length\r\n', closed: true },
    });
    expect(ours).toEqual(redis);
  });
});

// A protocol error takes its turn: Redis stops parsing a client's input
// while it is blocked or paused, and after QUIT reads nothing more.
describe.skipIf(!enabled)('differential: a protocol error behind a waiting command', () => {
  const ports = useDifferentialServers();

  // A server's bytes and close for `request`, sent after `meanwhile` has
  // run on another connection to the same server.
  async function outcome(port: number, request: string, meanwhile: string[][] = []) {
    const [client, other] = await Promise.all([RawClient.connect(port), RawClient.connect(port)]);
    try {
      if (meanwhile.length > 0) {
        other.send(meanwhile);
        await other.read(meanwhile.length);
      }
      client.write(request);
      return await settle(client, 400);
    } finally {
      client.close();
      other.close();
    }
  }

  async function compare(request: string, meanwhile: string[][] = []) {
    const redis = await outcome(ports.redis, request, meanwhile);
    const ours = await outcome(ports.ours, request, meanwhile);
    expect(ours).toEqual(redis);
    return redis;
  }

  it('comes after a blocked command has timed out', async () => {
    expect(await compare('BLPOP nolist 0.2\r\n*1\r\n$x\r\n')).toEqual({
      reply: '*-1\r\n-ERR Protocol error: invalid bulk length\r\n',
      closed: true,
    });
  });

  it('comes after a paused write has run', async () => {
    expect(
      await compare('SET paused 1\r\n*1\r\n$x\r\n', [['CLIENT', 'PAUSE', '300', 'WRITE']]),
    ).toEqual({ reply: '+OK\r\n-ERR Protocol error: invalid bulk length\r\n', closed: true });
  });

  it('is not replied after QUIT, nor after a QUIT that waited behind a blocked command', async () => {
    expect(await compare('QUIT\r\n*0  PING  \r\n')).toEqual({ reply: '+OK\r\n', closed: true });
    expect(await compare('BLPOP nolist 0.1\r\nQUIT\r\n*1\r\n$x\r\n')).toEqual({
      reply: '*-1\r\n+OK\r\n',
      closed: true,
    });
  });
});
