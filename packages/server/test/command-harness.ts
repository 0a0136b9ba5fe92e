// The unit tests' harness for src/commands/*: a server's state (ServerInfo,
// Db, sessions) with no sockets. `run` encodes its arguments as a RESP
// request and feeds it through the RequestDecoder and the dispatcher, as a
// connection would, and returns the reply bytes as a Latin-1 string, so a
// test asserts the exact bytes a client would read. The clock is the
// harness's own (`now`, `advance`), so expiry tests never sleep.
import type { broadcast } from '@mini-redis/channels';
import { encodeCommand, RequestDecoder } from '@mini-redis/resp';
import { commandTable } from '../src/commands/index.js';
import { Db } from '../src/db.js';
import { dispatch } from '../src/dispatch.js';
import { DEFAULT_ENCODING_LIMITS } from '../src/encoding-limits.js';
import { CountedReplyEncoder } from '../src/internal/counted-reply.js';
import type { PubSubMessage } from '../src/pubsub.js';
import {
  ACL_DEFAULTS,
  MEMORY_LIMIT_DEFAULTS,
  type ServerConfig,
  ServerInfo,
  STATISTICS_DEFAULTS,
} from '../src/server-info.js';
import { Session } from '../src/session.js';

/** A fixed start time: 2026-01-01T00:00:00Z. */
export const START = Date.UTC(2026, 0, 1);

export interface HarnessOptions {
  readonly requirepass?: string;
  readonly databases?: number;
  readonly enableDebugCommand?: 'no' | 'yes' | 'local';
}

/** One client connection of a harness. */
export class HarnessClient {
  readonly session: Session;
  /** Subscriptions the session opened, in order (the handler would pump them). */
  readonly receivers: broadcast.BroadcastReceiver<PubSubMessage>[] = [];
  /** Set when CLIENT KILL ended this connection. */
  killed = false;
  readonly #harness: CommandHarness;
  readonly #decoder: RequestDecoder;

  constructor(harness: CommandHarness, port: number) {
    this.#harness = harness;
    const server = harness.server;
    this.session = new Session(
      server.nextClientId(),
      { remote: `127.0.0.1:${port}`, local: '127.0.0.1:6379' },
      new CountedReplyEncoder(server.stats, 2),
      { server, db: harness.db },
    );
    server.sessions.set(this.session.id, this.session);
    this.session.onSubscribe = (receiver) => this.receivers.push(receiver);
    this.session.kill = () => {
      this.killed = true;
      server.sessions.delete(this.session.id);
    };
    this.#decoder = new RequestDecoder({
      onCommand: (args) => {
        server.stats.startLap();
        dispatch(server, harness.db, this.session, args);
      },
      onError: (error) => {
        throw error;
      },
    });
  }

  /** Runs one command; returns its reply bytes as a Latin-1 string. */
  run(...args: (string | Buffer)[]): string {
    const realNow = Date.now;
    Date.now = () => this.#harness.now;
    try {
      this.#decoder.write(encodeCommand(args));
    } finally {
      Date.now = realNow;
    }
    return this.session.reply.flush().toString('latin1');
  }

  /** The messages waiting on this client's subscriptions, as `channel:message` (with `pattern>` first for pattern ones). */
  messages(): string[] {
    const seen: string[] = [];
    for (const receiver of this.receivers) {
      for (;;) {
        const result = receiver.tryRecv();
        if (result.status !== 'received') break;
        const { pattern, channel, message } = result.value;
        seen.push(`${pattern === undefined ? '' : `${pattern}>`}${channel}:${message.toString()}`);
      }
    }
    return seen;
  }
}

/** A server's state with one client (`run`) and room for more (`connect`). */
export class CommandHarness {
  readonly server: ServerInfo;
  readonly db: Db;
  /** The harness's clock in milliseconds since the epoch; commands see it as Date.now(). */
  now = START;
  readonly client: HarnessClient;
  #nextPort = 50000;

  constructor(options: HarnessOptions = {}) {
    const config: ServerConfig = {
      port: 6379,
      bind: '127.0.0.1',
      unixsocket: '',
      unixsocketperm: 0,
      requirepass: options.requirepass ?? '',
      'protected-mode': 'yes',
      loglevel: 'notice',
      maxclients: 10_000,
      timeout: 0,
      'tcp-keepalive': 300,
      databases: options.databases ?? 16,
      'proto-max-bulk-len': 512 * 1024 * 1024,
      'client-query-buffer-limit': 1024 * 1024 * 1024,
      'client-output-buffer-limit': '',
      dir: process.cwd(),
      dbfilename: 'dump.rdb',
      save: '',
      'stop-writes-on-bgsave-error': 'yes',
      rdbcompression: 'yes',
      rdbchecksum: 'yes',
      appendonly: 'no',
      'notify-keyspace-events': '',
      'stream-node-max-entries': 100,
      'stream-node-max-bytes': 4096,
      'hll-sparse-max-bytes': 3000,
      ...DEFAULT_ENCODING_LIMITS,
      'tracking-table-max-keys': 1_000_000,
      'busy-reply-threshold': 5000,
      ...STATISTICS_DEFAULTS,
      ...ACL_DEFAULTS,
      ...MEMORY_LIMIT_DEFAULTS,
      'enable-debug-command': options.enableDebugCommand ?? 'no',
    };
    const server = new ServerInfo(config, commandTable());
    this.server = server;
    this.db = new Db({
      databases: config.databases,
      pubsubCapacity: 16,
      sessions: server.sessions,
      trackingMaxKeys: () => server.config['tracking-table-max-keys'],
      counters: server.stats.keyspace,
      limits: server.config,
    });
    this.client = this.connect();
  }

  /** Another client connection to the same server. */
  connect(): HarnessClient {
    return new HarnessClient(this, this.#nextPort++);
  }

  /** Runs one command as the first client; returns its reply bytes. */
  run(...args: (string | Buffer)[]): string {
    return this.client.run(...args);
  }

  /** Moves the clock forward. */
  advance(milliseconds: number): void {
    this.now += milliseconds;
  }
}

/** The RESP2 bytes of a bulk string reply (null: `$-1`). */
export function bulk(value: string | null): string {
  return value === null ? '$-1\r\n' : `$${Buffer.byteLength(value)}\r\n${value}\r\n`;
}

/** The RESP2 bytes of an array of bulk strings. */
export function bulks(...values: (string | null)[]): string {
  return `*${values.length}\r\n${values.map(bulk).join('')}`;
}

/** The RESP2 bytes of an integer reply. */
export function int(value: number): string {
  return `:${value}\r\n`;
}

/** The RESP2 bytes of an error reply. */
export function err(message: string): string {
  return `-${message}\r\n`;
}

export const OK = '+OK\r\n';

/** The RESP2 bytes of an array whose elements are `parts` (each already encoded). */
export function array(...parts: string[]): string {
  return `*${parts.length}\r\n${parts.join('')}`;
}

/** The RESP2 bytes of a stream entry: [id, [field, value, ...]]. */
export function streamEntry(id: string, ...fields: string[]): string {
  return array(bulk(id), bulks(...fields));
}
