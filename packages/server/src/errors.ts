/**
 * Errors of @mini-redis/server, and the texts of the error replies, byte
 * for byte as Redis 7 sends them.
 *
 * @module
 */

import { Buffer } from 'node:buffer';

const SERVER_ERROR = Symbol.for('@mini-redis/server.ServerError');

/** The server could not start or stop (a port in use, a bad option). */
export class ServerError extends Error {
  /** `ERR_ADDRESS_IN_USE`, `ERR_INVALID_OPTION`, or `ERR_LISTEN`. */
  readonly code:
    | 'ERR_ADDRESS_IN_USE'
    | 'ERR_INVALID_OPTION'
    | 'ERR_LISTEN'
    | 'ERR_LOAD'
    | 'ERR_SAVE';
  readonly [SERVER_ERROR] = true;

  constructor(code: ServerError['code'], message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ServerError';
    this.code = code;
  }

  /** True for any `ServerError`, from any copy of this package. */
  static is(value: unknown): value is ServerError {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as Record<symbol, unknown>)[SERVER_ERROR] === true
    );
  }
}

/** Error replies, as Redis words them. */
export const Replies = {
  wrongArgs: (name: string) => `ERR wrong number of arguments for '${name}' command`,
  notInteger: 'ERR value is not an integer or out of range',
  notFloat: 'ERR value is not a valid float',
  syntax: 'ERR syntax error',
  wrongType: 'WRONGTYPE Operation against a key holding the wrong kind of value',
  overflow: 'ERR increment or decrement would overflow',
  noSuchKey: 'ERR no such key',
  sameObject: 'ERR source and destination objects are the same',
  invalidExpire: (name: string) => `ERR invalid expire time in '${name}' command`,
  noAuth: 'NOAUTH Authentication required.',
  wrongPass: 'WRONGPASS invalid username-password pair or user is disabled.',
  dbIndex: 'ERR DB index is out of range',
  maxClients: 'ERR max number of clients reached',
  /** Protected mode's refusal of a connection that is not from the loopback interface. */
  protectedMode:
    "DENIED Redis is running in protected mode because protected mode is enabled and no password is set for the default user. In this mode connections are only accepted from the loopback interface. If you want to connect from external computers to Redis you may adopt one of the following solutions: 1) Just disable protected mode sending the command 'CONFIG SET protected-mode no' from the loopback interface by connecting to Redis from the same host the server is running, however MAKE SURE Redis is not publicly accessible from internet if you do so. Use CONFIG REWRITE to make this change permanent. 2) Alternatively you can just disable the protected mode by editing the Redis configuration file, and setting the protected mode option to 'no', and then restarting the server. 3) If you started the server manually just for testing, restart it with the '--protected-mode no' option. 4) Setup a an authentication password for the default user. NOTE: You only need to do one of the above things in order for the server to start accepting connections from the outside.",
  /** Every cluster command here: this server is never part of a cluster. */
  clusterDisabled: 'ERR This instance has cluster support disabled',
  unknownSubcommand: (sub: string, command: string) =>
    `ERR unknown subcommand '${sub.slice(0, 128)}'. Try ${command.toUpperCase()} HELP.`,
  /** Redis's addReplySubcommandSyntaxError: a subcommand's own argument check failed. */
  subcommandSyntax: (sub: string, command: string) =>
    `ERR unknown subcommand or wrong number of arguments for '${sub.slice(0, 128)}'. Try ${command.toUpperCase()} HELP.`,
} as const;

/**
 * Thrown by argument parsers inside a command; the dispatcher turns it into
 * an error reply. Commands never leave a half-applied change behind it:
 * they parse every argument before touching the keyspace.
 */
export class CommandError extends Error {
  constructor(reply: string) {
    super(reply);
    this.name = 'CommandError';
  }
}

/**
 * An error message (or a script's status text) as the bytes Redis sends.
 * Messages quote a client's arguments as Latin-1 text, one character per
 * byte (RequestArgs#latin1), and Lua strings are bytes the same way, so a
 * byte above 0x7f must go back as that byte, not its UTF-8. ASCII
 * messages, nearly all of them, stay strings and are not copied.
 */
export function replyBytes(message: string): string | Buffer {
  let highest = 0;
  for (let i = 0; i < message.length; i++) highest = Math.max(highest, message.charCodeAt(i));
  // Above 0xff it is not a byte string (a JavaScript error's text): UTF-8.
  return highest <= 0x7f || highest > 0xff ? message : Buffer.from(message, 'latin1');
}
