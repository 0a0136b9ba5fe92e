// The mini-redis-server binary: serves (on a Unix socket too), reports a
// taken port in one line with exit code 1, rejects bad arguments with its
// usage, prints why a background save failed, and shuts down gracefully on
// SIGTERM and on a client's SHUTDOWN.
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from '../src/index.js';
import { RawClient, rawExchange, startServer } from './helpers.js';

const bin = fileURLToPath(new URL('../bin/mini-redis-server.js', import.meta.url));

function runBin(
  args: string[],
  until?: RegExp,
): Promise<{ code: number | null; stdout: string; stderr: string; kill: () => void }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const result = (code: number | null) => ({
      code,
      stdout,
      stderr,
      kill: () => child.kill('SIGTERM'),
    });
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (until?.test(stdout)) resolve(result(null));
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('exit', (code) => resolve(result(code)));
  });
}

let taken: Server;
let takenPort: number;

beforeAll(async () => {
  ({ server: taken, port: takenPort } = await startServer());
});

afterAll(async () => {
  await taken.close();
});

describe('mini-redis-server', () => {
  it('reports a port in use in one line and exits 1', async () => {
    const { code, stderr } = await runBin(['--port', String(takenPort)]);
    expect(code).toBe(1);
    expect(stderr).toBe(
      `mini-redis-server: Could not listen on 127.0.0.1:${takenPort}: address already in use\n`,
    );
  });

  it('rejects bad arguments with its usage and exit code 1', async () => {
    const { code, stderr } = await runBin(['--port', 'abc']);
    expect(code).toBe(1);
    expect(stderr.split('\n')[0]).toBe(
      "mini-redis-server: --port expects a non-negative integer, got 'abc'",
    );
    expect(stderr).toContain('usage: mini-redis-server');
    const unknown = await runBin(['--bogus']);
    expect(unknown.code).toBe(1);
  });

  it('serves on the port it prints, and stops gracefully on SIGTERM', async () => {
    const started = await runBin(['--port', '0'], /ready on/);
    const port = Number(/127\.0\.0\.1:(\d+)/.exec(started.stdout)?.[1]);
    expect(await rawExchange(port, [['PING']])).toBe('+PONG\r\n');
    const exited = new Promise<void>((resolve) => {
      const wait = setInterval(async () => {
        try {
          await rawExchange(port, [['PING']]);
        } catch {
          clearInterval(wait);
          resolve();
        }
      }, 20);
    });
    started.kill();
    await exited;
  });

  it('prints on stderr why a background save failed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mini-redis-cli-'));
    const child = spawn(process.execPath, [bin, '--port', '0', '--dir', dir, '--save', ''], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
      });
      child.stderr.on('data', (chunk) => {
        stderr += chunk;
      });
      const until = async (done: () => boolean) => {
        for (let i = 0; i < 250 && !done(); i++) await new Promise((r) => setTimeout(r, 20));
      };
      await until(() => /ready on/.test(stdout));
      const port = Number(/127\.0\.0\.1:(\d+)/.exec(stdout)?.[1]);
      // After the start (the file is read then): the rename that ends a save fails.
      mkdirSync(join(dir, 'dump.rdb', 'in-the-way'), { recursive: true });
      expect(await rawExchange(port, [['BGSAVE']])).toBe('+Background saving started\r\n');
      await until(() => stderr.includes('\n'));
      expect(stderr).toMatch(
        /^mini-redis-server: Background saving error: could not write .*dump\.rdb: .+\n$/,
      );
    } finally {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("exits 0 after a client's SHUTDOWN, which gets no reply", async () => {
    const child = spawn(process.execPath, [bin, '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    const ready = new Promise<void>((resolve) =>
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
        if (/ready on/.test(stdout)) resolve();
      }),
    );
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await ready;
    const port = Number(/127\.0\.0\.1:(\d+)/.exec(stdout)?.[1]);
    const client = await RawClient.connect(port);
    client.send([['SHUTDOWN', 'NOSAVE']]);
    expect(await client.waitClosed()).toBe(true);
    expect(client.drain()).toBe('');
    expect(await exited).toBe(0);
    expect(stdout).toContain('mini-redis-server stopped');
  });

  it('prints an IPv6 address in brackets', async (context) => {
    const started = await runBin(['--bind', '::1', '--port', '0'], /ready on/);
    if (started.code !== null) {
      // The machine has no IPv6 loopback: nothing to print.
      console.warn(`skipped: --bind ::1 failed here: ${started.stderr.trim()}`);
      context.skip();
    }
    started.kill();
    expect(started.stdout).toMatch(
      /^mini-redis-server ready on \[::1\]:\d+ \(try: redis-cli -p \d+ ping\)$/m,
    );
  });

  it('also serves on --unixsocket with --unixsocketperm, and removes it on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mini-redis-cli-'));
    try {
      const path = join(dir, 'redis.sock');
      const started = await runBin(
        ['--port', '0', '--unixsocket', path, '--unixsocketperm', '750'],
        /ready on/,
      );
      expect(started.stdout).toMatch(
        new RegExp(`^mini-redis-server ready on 127\\.0\\.0\\.1:\\d+ and ${path} \\(`, 'm'),
      );
      expect(statSync(path).mode & 0o777).toBe(0o750);
      expect(await rawExchange(path, [['PING']])).toBe('+PONG\r\n');
      const exited = new Promise<void>((resolve) => {
        const wait = setInterval(() => {
          if (!existsSync(path)) {
            clearInterval(wait);
            resolve();
          }
        }, 20);
      });
      started.kill();
      await exited;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints no start or stop line with --loglevel warning; CONFIG SET loglevel decides later lines', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mini-redis-cli-'));
    try {
      const path = join(dir, 'redis.sock');
      const child = spawn(
        process.execPath,
        [bin, '--port', '0', '--unixsocket', path, '--loglevel', 'warning'],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stdout = '';
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
      });
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      // No ready line to wait for: the socket file says it is up.
      for (let i = 0; i < 200 && !existsSync(path); i++)
        await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await rawExchange(path, [['CONFIG', 'GET', 'loglevel']])).toBe(
        '*2\r\n$8\r\nloglevel\r\n$7\r\nwarning\r\n',
      );
      expect(stdout).toBe('');
      // Back to notice: the stop lines are printed.
      expect(await rawExchange(path, [['CONFIG', 'SET', 'loglevel', 'notice']])).toBe('+OK\r\n');
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(stdout).toBe('SIGTERM: shutting down gracefully\nmini-redis-server stopped\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const refused = await runBin(['--port', '0', '--loglevel', 'loud']);
    expect([refused.code, refused.stderr.split('\n')[0]]).toEqual([
      1,
      "mini-redis-server: setting 'loglevel' 'loud': argument(s) must be one of the following: debug, verbose, notice, warning",
    ]);
  });

  it('sends keyspace notifications with --notify-keyspace-events, and refuses an unknown class', async () => {
    const started = await runBin(['--port', '0', '--notify-keyspace-events', 'Ex$'], /ready on/);
    try {
      const port = Number(/127\.0\.0\.1:(\d+)/.exec(started.stdout)?.[1]);
      expect(await rawExchange(port, [['CONFIG', 'GET', 'notify-keyspace-events']])).toBe(
        '*2\r\n$22\r\nnotify-keyspace-events\r\n$3\r\n$xE\r\n',
      );
      const subscriber = await RawClient.connect(port);
      try {
        subscriber.send([['PSUBSCRIBE', '__key*__:*']]);
        await subscriber.read(1);
        // String events on the event channel only: not EXPIRE's generic one.
        await rawExchange(port, [['SET', 'k', 'v', 'EX', '10']]);
        expect(await subscriber.read(1)).toBe(
          '*4\r\n$8\r\npmessage\r\n$10\r\n__key*__:*\r\n$18\r\n__keyevent@0__:set\r\n$1\r\nk\r\n',
        );
      } finally {
        subscriber.close();
      }
    } finally {
      started.kill();
    }
    const { code, stderr } = await runBin(['--notify-keyspace-events', 'KEq']);
    expect(code).toBe(1);
    expect(stderr.split('\n')[0]).toBe(
      "mini-redis-server: --notify-keyspace-events expects event classes from 'Ag$lshzxeKEtmdn', got 'KEq'",
    );
  });

  it('limits memory with --maxmemory and --maxmemory-policy, and refuses bad values', async () => {
    const started = await runBin(
      ['--port', '0', '--maxmemory', '100mb', '--maxmemory-policy', 'allkeys-lru'],
      /ready on/,
    );
    try {
      const port = Number(/127\.0\.0\.1:(\d+)/.exec(started.stdout)?.[1]);
      expect(
        await rawExchange(port, [
          ['CONFIG', 'GET', 'maxmemory'],
          ['CONFIG', 'GET', 'maxmemory-policy'],
        ]),
      ).toBe(
        '*2\r\n$9\r\nmaxmemory\r\n$9\r\n104857600\r\n*2\r\n$16\r\nmaxmemory-policy\r\n$11\r\nallkeys-lru\r\n',
      );
    } finally {
      started.kill();
    }
    const badLimit = await runBin(['--maxmemory', 'lots']);
    expect(badLimit.code).toBe(1);
    expect(badLimit.stderr.split('\n')[0]).toBe(
      "mini-redis-server: --maxmemory expects bytes, or a number with a unit (k, kb, m, mb, g, gb), got 'lots'",
    );
    const badPolicy = await runBin(['--maxmemory-policy', 'lru']);
    expect(badPolicy.code).toBe(1);
    expect(badPolicy.stderr.split('\n')[0]).toBe(
      "mini-redis-server: --maxmemory-policy expects one of volatile-lru, volatile-lfu, volatile-random, volatile-ttl, allkeys-lru, allkeys-lfu, allkeys-random, noeviction, got 'lru'",
    );
  });

  it("takes redis-server's command line: a config file first, then any CONFIG SET setting", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mini-redis-conf-'));
    const file = join(dir, 'redis.conf');
    writeFileSync(
      file,
      [
        '# a comment, and a blank line',
        '',
        'maxmemory-samples 7',
        'hash-max-ziplist-entries 33',
        'save ""',
        'user alice on >pw ~* +@all',
        'requirepass "pass word"',
        // The command line's daemonize no wins; Redis's other settings are
        // taken; save and client-output-buffer-limit lines add up.
        'daemonize yes',
        'hz 20',
        'lazyfree-lazy-user-del yes',
        'tcp-backlog 128',
        'slave-priority 50',
        'bind 127.0.0.1 -::1',
        'save 3600 1',
        'save 300 100',
        'client-output-buffer-limit replica 1mb 512kb 30',
        'client-output-buffer-limit pubsub 2mb 1mb 10',
        'rename-command FLUSHDB ""',
        'rename-command dbsize keycount',
        // Read here, in place, as redis-server reads an include.
        `include ${join(dir, 'more.conf')}`,
        // Each file a wildcard matches, in name order (none: nothing).
        `include ${join(dir, 'conf.d', '*.conf')}`,
        `include ${join(dir, 'none.d', '*.conf')}`,
        '',
      ].join('\n'),
    );
    writeFileSync(join(dir, 'more.conf'), 'lfu-log-factor 12\n');
    mkdirSync(join(dir, 'conf.d'));
    writeFileSync(join(dir, 'conf.d', 'b.conf'), 'lfu-decay-time 7\n');
    writeFileSync(join(dir, 'conf.d', 'a.conf'), 'lfu-decay-time 5\nlfu-log-factor 13\n');
    writeFileSync(join(dir, 'conf.d', 'c.txt'), 'lfu-decay-time 9\n');
    const started = await runBin(
      [
        file,
        '--port',
        '0',
        '--maxmemory-samples',
        '9',
        '--appendonly',
        'no',
        '--daemonize',
        'no',
        '--slowlog-max-len=64',
        '--latency-tracking-info-percentiles',
        '50',
        '99.9',
      ],
      /ready on/,
    );
    try {
      const port = Number(/127\.0\.0\.1:(\d+)/.exec(started.stdout)?.[1]);
      expect(
        await rawExchange(port, [
          ['AUTH', 'pass word'],
          // The command line's wins over the file's.
          ['CONFIG', 'GET', 'maxmemory-samples'],
          ['CONFIG', 'GET', 'hash-max-listpack-entries'],
          ['CONFIG', 'GET', 'slowlog-max-len'],
          ['CONFIG', 'GET', 'latency-tracking-info-percentiles'],
          ['ACL', 'USERS'],
          ['CONFIG', 'GET', 'hz'],
          ['CONFIG', 'GET', 'lazyfree-lazy-user-del'],
          ['CONFIG', 'GET', 'tcp-backlog'],
          ['CONFIG', 'GET', 'replica-priority'],
          ['CONFIG', 'GET', 'daemonize'],
          ['CONFIG', 'GET', 'save'],
          ['CONFIG', 'GET', 'client-output-buffer-limit'],
          ['KEYCOUNT'],
          ['FLUSHDB'],
          ['CONFIG', 'GET', 'lfu-log-factor'],
          ['CONFIG', 'GET', 'lfu-decay-time'],
        ]),
      ).toBe(
        [
          '+OK\r\n',
          '*2\r\n$17\r\nmaxmemory-samples\r\n$1\r\n9\r\n',
          '*2\r\n$25\r\nhash-max-listpack-entries\r\n$2\r\n33\r\n',
          '*2\r\n$15\r\nslowlog-max-len\r\n$2\r\n64\r\n',
          '*2\r\n$33\r\nlatency-tracking-info-percentiles\r\n$7\r\n50 99.9\r\n',
          '*2\r\n$5\r\nalice\r\n$7\r\ndefault\r\n',
          '*2\r\n$2\r\nhz\r\n$2\r\n20\r\n',
          '*2\r\n$22\r\nlazyfree-lazy-user-del\r\n$3\r\nyes\r\n',
          '*2\r\n$11\r\ntcp-backlog\r\n$3\r\n128\r\n',
          '*2\r\n$16\r\nreplica-priority\r\n$2\r\n50\r\n',
          '*2\r\n$9\r\ndaemonize\r\n$2\r\nno\r\n',
          '*2\r\n$4\r\nsave\r\n$14\r\n3600 1 300 100\r\n',
          '*2\r\n$26\r\nclient-output-buffer-limit\r\n$62\r\nnormal 0 0 0 slave 1048576 524288 30 pubsub 2097152 1048576 10\r\n',
          ':0\r\n',
          "-ERR unknown command 'FLUSHDB', with args beginning with: \r\n",
          '*2\r\n$14\r\nlfu-log-factor\r\n$2\r\n13\r\n',
          '*2\r\n$14\r\nlfu-decay-time\r\n$1\r\n7\r\n',
        ].join(''),
      );
    } finally {
      started.kill();
      rmSync(dir, { recursive: true, force: true });
    }
    // Refused, each in one line and exit code 1: an unknown setting (not
    // ignored), a bad value with CONFIG SET's reason, what this server
    // cannot do, a missing file.
    const loopDir = mkdtempSync(join(tmpdir(), 'mini-redis-conf-'));
    const loop = join(loopDir, 'loop.conf');
    writeFileSync(loop, `include ${loop}\n`);
    const refusals: [string[], string][] = [
      [[loop], `include: '${loop}' includes itself (${loop} -> ${loop})`],
      [
        ['--no-such-setting', '10'],
        "unknown setting 'no-such-setting' (CONFIG GET * lists this server's)",
      ],
      [
        ['--io-threads', '0'],
        "setting 'io-threads' '0': argument must be between 1 and 128 inclusive",
      ],
      [
        ['--cluster-enabled', 'yes'],
        "setting 'cluster-enabled' 'yes': this server does not run in cluster mode",
      ],
      [
        ['--replicaof', '127.0.0.1', '6380'],
        "setting 'replicaof' '127.0.0.1 6380': this server does not replicate (no replicas, no replicaof)",
      ],
      [
        ['--bind', '-192.0.2.1'],
        "Could not listen on any of '-192.0.2.1': the host has none of these addresses",
      ],
      [
        ['--maxmemory-samples', 'x'],
        "setting 'maxmemory-samples' 'x': argument couldn't be parsed into an integer",
      ],
      [
        ['--appendonly', 'yes'],
        "setting 'appendonly' 'yes': this server writes no append-only file; it persists with RDB snapshots (save points, SAVE, BGSAVE)",
      ],
      [
        ['--daemonize', 'yes'],
        "setting 'daemonize' 'yes': mini-redis-server does not daemonize; run it under a process manager (systemd, docker, pm2)",
      ],
      [['--timeout'], '--timeout needs a value'],
      [
        ['--rename-command', 'nosuch', 'x'],
        "rename-command 'nosuch' 'x': No such command in rename-command",
      ],
      [
        ['--rename-command', 'get'],
        'rename-command needs a command and its new name ("" to remove it), got \'get\'',
      ],
      [
        [join(dir, 'none.conf')],
        `cannot read the config file '${join(dir, 'none.conf')}': ENOENT: no such file or directory, open '${join(dir, 'none.conf')}'`,
      ],
    ];
    for (const [args, message] of refusals) {
      const refused = await runBin(
        ['--port', '0', ...args].slice(args[0]!.startsWith('-') ? 0 : 2),
      );
      expect([args, refused.code, refused.stderr.split('\n')[0]]).toEqual([
        args,
        1,
        `mini-redis-server: ${message}`,
      ]);
    }
    rmSync(loopDir, { recursive: true, force: true });
  });

  it('writes its lines to --logfile in Redis format, its pid to --pidfile, and follows shutdown-on-sigterm', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mini-redis-log-'));
    const log = join(dir, 'server.log');
    const pidfile = join(dir, 'server.pid');
    // Polls the log until `pattern` shows in it.
    const logShows = async (pattern: RegExp): Promise<string> => {
      for (let i = 0; i < 200; i++) {
        const text = existsSync(log) ? readFileSync(log, 'latin1') : '';
        if (pattern.test(text)) return text;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      throw new Error(`the log never showed ${pattern}`);
    };
    // Runs the binary with `shutdownOnSigterm` and save points that would
    // save at shutdown; sets a key, stops it with SIGTERM, and says
    // whether the data was saved.
    const run = async (shutdownOnSigterm: string, save: string) => {
      rmSync(join(dir, 'dump.rdb'), { force: true });
      // Each run's lines only.
      rmSync(log, { force: true });
      const started = runBin([
        '--port',
        '0',
        '--dir',
        dir,
        '--save',
        save,
        '--logfile',
        log,
        '--pidfile',
        pidfile,
        '--shutdown-on-sigterm',
        shutdownOnSigterm,
      ]);
      const text = await logShows(/ready on 127\.0\.0\.1:(\d+)/);
      const port = Number(/ready on 127\.0\.0\.1:(\d+)/.exec(text)![1]);
      expect(await rawExchange(port, [['SET', 'k', 'v']])).toBe('+OK\r\n');
      const pid = readFileSync(pidfile, 'latin1');
      process.kill(Number(pid), 'SIGTERM');
      const exited = await started;
      return { exited, pid, saved: existsSync(join(dir, 'dump.rdb')) };
    };
    try {
      // nosave: no final save, though a save point is set.
      const nosave = await run('nosave', '3600 1');
      expect([nosave.exited.code, nosave.exited.stdout, nosave.saved]).toEqual([0, '', false]);
      // The pid and a newline, as redis-server writes it; removed at exit.
      expect(nosave.pid).toMatch(/^\d+\n$/);
      expect(existsSync(pidfile)).toBe(false);
      const lines = readFileSync(log, 'latin1').trimEnd().split('\n');
      const pid = nosave.pid.trim();
      expect(
        lines.map((line) => line.replace(/ \d\d \w{3} \d{4} \d\d:\d\d:\d\d\.\d{3} /, ' <time> ')),
      ).toEqual([
        expect.stringMatching(
          new RegExp(`^${pid}:M <time> \\* mini-redis-server ready on 127\\.0\\.0\\.1:\\d+ `),
        ),
        `${pid}:M <time> * SIGTERM: shutting down gracefully`,
        `${pid}:M <time> * mini-redis-server stopped`,
      ]);
      // save: saved, though no save point is set; default: as the save
      // points say (none here).
      expect((await run('save', '')).saved).toBe(true);
      expect((await run('default', '')).saved).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // A log file that cannot be opened stops the start, as in Redis.
    const refused = await runBin(['--port', '0', '--logfile', join(dir, 'none', 'x.log')]);
    expect([refused.code, refused.stderr.split('\n')[0]]).toEqual([
      1,
      `mini-redis-server: Can't open the log file: ENOENT: no such file or directory, open '${join(dir, 'none', 'x.log')}'`,
    ]);
  });

  it('allows DEBUG with --enable-debug-command, and refuses another value', async () => {
    const started = await runBin(['--port', '0', '--enable-debug-command', 'local'], /ready on/);
    try {
      const port = Number(/127\.0\.0\.1:(\d+)/.exec(started.stdout)?.[1]);
      expect(
        await rawExchange(port, [
          ['CONFIG', 'GET', 'enable-debug-command'],
          ['DEBUG', 'DIGEST'],
        ]),
      ).toBe(
        '*2\r\n$20\r\nenable-debug-command\r\n$5\r\nlocal\r\n+0000000000000000000000000000000000000000\r\n',
      );
    } finally {
      started.kill();
    }
    const { code, stderr } = await runBin(['--enable-debug-command', 'always']);
    expect(code).toBe(1);
    expect(stderr.split('\n')[0]).toBe(
      "mini-redis-server: --enable-debug-command expects no, yes or local, got 'always'",
    );
  });

  it('loads users from --aclfile and --user, and refuses a bad --acl-pubsub-default', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mini-redis-cli-acl-'));
    const file = join(dir, 'users.acl');
    writeFileSync(file, 'user app on nopass +ping ~*\n');
    const started = await runBin(
      ['--port', '0', '--aclfile', file, '--acl-pubsub-default', 'allchannels'],
      /ready on/,
    );
    try {
      const port = Number(/127\.0\.0\.1:(\d+)/.exec(started.stdout)?.[1]);
      expect(
        await rawExchange(port, [
          ['ACL', 'USERS'],
          ['CONFIG', 'GET', 'acl-pubsub-default'],
        ]),
      ).toBe(
        '*2\r\n$3\r\napp\r\n$7\r\ndefault\r\n*2\r\n$18\r\nacl-pubsub-default\r\n$11\r\nallchannels\r\n',
      );
    } finally {
      started.kill();
      rmSync(dir, { recursive: true, force: true });
    }
    const withUsers = await runBin(
      ['--port', '0', '--user', 'app on nopass +ping', '--user', 'ops on >pw +@all'],
      /ready on/,
    );
    try {
      const port = Number(/127\.0\.0\.1:(\d+)/.exec(withUsers.stdout)?.[1]);
      expect(await rawExchange(port, [['ACL', 'USERS']])).toBe(
        '*3\r\n$3\r\napp\r\n$7\r\ndefault\r\n$3\r\nops\r\n',
      );
    } finally {
      withUsers.kill();
    }
    const { code, stderr } = await runBin(['--acl-pubsub-default', 'some']);
    expect(code).toBe(1);
    expect(stderr.split('\n')[0]).toBe(
      "mini-redis-server: --acl-pubsub-default expects resetchannels or allchannels, got 'some'",
    );
  });

  it('rejects a --unixsocketperm that is not an octal mode', async () => {
    const { code, stderr } = await runBin(['--unixsocketperm', '800']);
    expect(code).toBe(1);
    expect(stderr.split('\n')[0]).toBe(
      "mini-redis-server: --unixsocketperm expects a file mode in octal, 0 to 777, got '800'",
    );
  });
});
