// Persistence to an RDB file (`dir`): a server's data (every type, the
// deadlines, several databases, the function libraries) survives a restart;
// a file redis-server wrote loads here and a file written here loads in
// redis-server, every key dumping to the same bytes; SAVE, BGSAVE,
// LASTSAVE, the save points, SHUTDOWN's SAVE and NOSAVE; a corrupt file
// stops listen() with a clear error. Without a dir nothing is written.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type Server, ServerError, type ServerOptions } from '../src/index.js';
import { hasRedis, RawClient, startRealRedis } from './helpers.js';

// Builds one key of each type (and a deadline, another database, a library).
const POPULATE: readonly (readonly string[])[] = [
  ['SET', 's', 'hello'],
  ['SET', 'n', '12345'],
  ['SET', 'ttl', 'soon', 'PX', '100000000'],
  ['RPUSH', 'l', 'a', 'b', '3'],
  ['SADD', 'is', '1', '2', '70000'],
  ['ZADD', 'z', '1', 'a', '2.5', 'b'],
  ['ZADD', 'zs', ...Array.from({ length: 200 }, (_, i) => [`${i}`, `m${i}`]).flat()],
  ['HSET', 'h', 'f', 'v', 'g', '1'],
  ['XADD', 'x', '1-1', 'f', 'v'],
  ['XADD', 'x', '2-1', 'f', 'w'],
  ['XGROUP', 'CREATE', 'x', 'g', '0'],
  ['SELECT', '3'],
  ['SET', 'in3', 'yes'],
  ['SELECT', '0'],
  ['FUNCTION', 'LOAD', '#!lua name=lib\nredis.register_function("f", function() return 42 end)'],
];
const NO_DIR =
  '-ERR nothing is saved: this server was started without a dir (mini-redis-server --dir <path>, or createServer({ dir }))\r\n';
const KEYS = ['s', 'n', 'ttl', 'l', 'is', 'z', 'zs', 'h', 'x'];

async function run(port: number, commands: readonly (readonly string[])[]): Promise<string> {
  const client = await RawClient.connect(port);
  try {
    client.send(commands.map((command) => [...command]));
    return await client.read(commands.length);
  } finally {
    client.close();
  }
}

// Each key's DUMP, the deadlines (whole seconds), database 3 and the function.
async function fingerprint(port: number): Promise<string> {
  return run(port, [
    ...KEYS.map((key) => ['DUMP', key]),
    ['TTL', 'ttl'],
    ['FCALL', 'f', '0'],
    ['SELECT', '3'],
    ['GET', 'in3'],
    ['DBSIZE'],
  ]);
}

describe('persistence', () => {
  const dirs: string[] = [];
  const servers: Server[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.close().catch(() => {});
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'mini-redis-rdb-'));
    dirs.push(dir);
    return dir;
  };
  const start = async (options: ServerOptions) => {
    const server = createServer({ port: 0, ...options });
    servers.push(server);
    const { port } = await server.listen();
    return { server, port };
  };

  it('keeps every type, deadline, database and library across a restart', async () => {
    const dir = tempDir();
    const first = await start({ dir });
    await run(first.port, POPULATE);
    const before = await fingerprint(first.port);
    // close() saves: Redis's default save points are set.
    await first.server.close();
    expect(existsSync(join(dir, 'dump.rdb'))).toBe(true);
    const second = await start({ dir });
    expect(await fingerprint(second.port)).toBe(before);
  });

  it('tells onWarning why a background save failed', async () => {
    const dir = tempDir();
    const warnings: string[] = [];
    const { port } = await start({ dir, save: '', onWarning: (message) => warnings.push(message) });
    // A directory where the snapshot is renamed to: the rename fails.
    mkdirSync(join(dir, 'dump.rdb', 'in-the-way'), { recursive: true });
    expect(await run(port, [['BGSAVE']])).toBe('+Background saving started\r\n');
    for (let i = 0; i < 100 && warnings.length === 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      new RegExp(`^Background saving error: could not write ${join(dir, 'dump.rdb')}: `),
    );
    expect(await run(port, [['INFO', 'persistence']])).toContain('rdb_last_bgsave_status:err');
  });

  it('writes strings uncompressed under rdbcompression no, and the file loads', async () => {
    const dir = tempDir();
    const first = await start({ dir, save: '' });
    const long = 'x'.repeat(300);
    await run(first.port, [
      ['SET', 'long', long],
      ['CONFIG', 'SET', 'rdbcompression', 'no'],
      ['SAVE'],
    ]);
    const plain = readFileSync(join(dir, 'dump.rdb'));
    expect(plain.includes(Buffer.from(long))).toBe(true);
    await run(first.port, [['CONFIG', 'SET', 'rdbcompression', 'yes'], ['SAVE']]);
    const compressed = readFileSync(join(dir, 'dump.rdb'));
    expect(compressed.includes(Buffer.from(long))).toBe(false);
    expect(compressed.length).toBeLessThan(plain.length - 250);
    // The uncompressed one loads as well.
    writeFileSync(join(dir, 'dump.rdb'), plain);
    await first.server.close();
    const second = await start({ dir, save: '' });
    expect(await run(second.port, [['STRLEN', 'long']])).toBe(':300\r\n');
  });

  it('SAVE, BGSAVE (SCHEDULE), LASTSAVE and INFO; SHUTDOWN NOSAVE and SAVE', async () => {
    const dir = tempDir();
    const file = join(dir, 'data.rdb');
    const { server, port } = await start({ dir, dbfilename: 'data.rdb', save: '' });
    expect(
      await run(port, [
        ['SET', 'k', 'v'],
        ['INFO', 'persistence'],
      ]),
    ).toMatch(/rdb_changes_since_last_save:1\r\n/);
    expect(await run(port, [['SAVE']])).toBe('+OK\r\n');
    const saved = readFileSync(file);
    expect(saved.subarray(0, 9).toString()).toBe('REDIS0010');
    const lastSave = Number(/:(\d+)/.exec(await run(port, [['LASTSAVE']]))![1]);
    expect(Math.abs(lastSave - Date.now() / 1000)).toBeLessThan(5);
    expect(await run(port, [['INFO', 'persistence']])).toMatch(/rdb_changes_since_last_save:0\r\n/);
    expect(
      await run(port, [['SET', 'k2', 'v'], ['BGSAVE'], ['BGSAVE'], ['BGSAVE', 'SCHEDULE']]),
    ).toBe(
      '+OK\r\n+Background saving started\r\n-ERR Background save already in progress\r\n-ERR Background save already in progress\r\n',
    );
    expect(
      await run(port, [
        ['BGSAVE', 'x'],
        ['SAVE', 'x'],
      ]),
    ).toBe("-ERR syntax error\r\n-ERR wrong number of arguments for 'save' command\r\n");
    // Without save points, SHUTDOWN NOSAVE writes nothing more.
    for (
      let i = 0;
      i < 50 && /rdb_bgsave_in_progress:1/.test(await run(port, [['INFO', 'persistence']]));
      i++
    )
      await new Promise((resolve) => setTimeout(resolve, 20));
    await run(port, [['SET', 'after', 'x']]);
    const client = await RawClient.connect(port);
    client.send([['SHUTDOWN', 'NOSAVE']]);
    await server.closed();
    client.close();
    const restarted = await start({ dir, dbfilename: 'data.rdb', save: '' });
    expect(await run(restarted.port, [['EXISTS', 'k', 'k2', 'after']])).toBe(':2\r\n');
    // SHUTDOWN SAVE saves even without save points.
    await run(restarted.port, [['SET', 'after', 'x']]);
    const closer = await RawClient.connect(restarted.port);
    closer.send([['SHUTDOWN', 'SAVE']]);
    await restarted.server.closed();
    closer.close();
    const third = await start({ dir, dbfilename: 'data.rdb', save: '' });
    expect(await run(third.port, [['EXISTS', 'k', 'k2', 'after']])).toBe(':3\r\n');
  });

  it('saves when a save point is due', async () => {
    const dir = tempDir();
    const { port } = await start({ dir, save: '1 2' });
    await run(port, [['SET', 'a', '1']]);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    // One change is not enough.
    expect(existsSync(join(dir, 'dump.rdb'))).toBe(false);
    await run(port, [['SET', 'b', '1']]);
    for (let i = 0; i < 60 && !existsSync(join(dir, 'dump.rdb')); i++)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(existsSync(join(dir, 'dump.rdb'))).toBe(true);
    expect(
      await run(port, [
        ['CONFIG', 'SET', 'save', '1 2 3'],
        ['CONFIG', 'SET', 'dir', '/'],
      ]),
    ).toBe(
      "-ERR CONFIG SET failed (possibly related to argument 'save') - Invalid save parameters\r\n-ERR CONFIG SET failed (possibly related to argument 'dir') - can't set protected config\r\n",
    );
    expect(
      await run(port, [
        ['CONFIG', 'SET', 'save', '01 2'],
        ['CONFIG', 'GET', 'save'],
      ]),
    ).toBe('+OK\r\n*2\r\n$4\r\nsave\r\n$3\r\n1 2\r\n');
  });

  it('empties the file at FLUSHALL when save points are set, as Redis does', async () => {
    const dir = tempDir();
    const first = await start({ dir, save: '3600 1' });
    await run(first.port, [['SET', 'k', 'v'], ['SAVE'], ['FLUSHALL'], ['SET', 'later', 'x']]);
    const client = await RawClient.connect(first.port);
    client.send([['SHUTDOWN', 'NOSAVE']]);
    await first.server.closed();
    client.close();
    const second = await start({ dir, save: '3600 1' });
    expect(await run(second.port, [['DBSIZE'], ['INFO', 'persistence']])).toMatch(
      /^:0\r\n[\s\S]*rdb_changes_since_last_save:0\r\n/,
    );
  });

  it('refuses a corrupt file at listen(), and leaves out keys already expired', async () => {
    const dir = tempDir();
    const first = await start({ dir, save: '' });
    await run(first.port, [['SET', 'gone', 'x', 'PX', '50'], ['SET', 'kept', 'y'], ['SAVE']]);
    await first.server.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const second = await start({ dir, save: '' });
    expect(await run(second.port, [['KEYS', '*']])).toBe('*1\r\n$4\r\nkept\r\n');
    await second.server.close();
    const file = join(dir, 'dump.rdb');
    const bytes = readFileSync(file);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 12) ^ 0xff, bytes.length - 12);
    writeFileSync(file, bytes);
    const broken = createServer({ port: 0, dir });
    const error = await broken.listen().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).code).toBe('ERR_LOAD');
    expect((error as ServerError).message).toBe(
      `Could not load ${file}: malformed RDB data: wrong checksum`,
    );
    // Closing a server that could not load leaves the file alone (its save
    // points would otherwise write an empty dump over it).
    await broken.close();
    expect(readFileSync(file)).toEqual(bytes);
  });

  it('writes nothing without a dir', async () => {
    const { port } = await start({});
    expect(
      await run(port, [['SAVE'], ['BGSAVE'], ['CONFIG', 'GET', 'save'], ['SHUTDOWN', 'SAVE']]),
    ).toBe(
      `${NO_DIR.repeat(2)}*2\r\n$4\r\nsave\r\n$0\r\n\r\n-ERR Errors trying to SHUTDOWN. Check logs.\r\n`,
    );
  });
});

describe.skipIf(!hasRedis())('persistence: files shared with redis-server', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("loads redis-server's file, and redis-server loads ours, every key dumping alike", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mini-redis-rdb-'));
    dirs.push(dir);
    // Redis writes, this server loads.
    const redis = await startRealRedis(['--dir', dir, '--dbfilename', 'redis.rdb']);
    await run(redis.port, [...POPULATE, ['SAVE']]);
    const theirs = await fingerprint(redis.port);
    await redis.stop();
    const ours = createServer({ port: 0, dir, dbfilename: 'redis.rdb', save: '' });
    const { port } = await ours.listen();
    try {
      expect(await fingerprint(port)).toBe(theirs);
      // This server writes, Redis loads.
      await run(port, [['SET', 'written', 'here'], ['SAVE']]);
    } finally {
      await ours.close();
    }
    const again = await startRealRedis(['--dir', dir, '--dbfilename', 'redis.rdb']);
    try {
      expect(await fingerprint(again.port)).toBe(theirs);
      expect(await run(again.port, [['GET', 'written']])).toBe('$4\r\nhere\r\n');
    } finally {
      await again.stop();
    }
  });
});
