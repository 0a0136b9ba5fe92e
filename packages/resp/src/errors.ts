/**
 * Error classes of @mini-redis/resp.
 *
 * `ProtocolError` is what a decoder reports when the byte stream is not
 * RESP: its message is Redis's own text wherever Redis has one, so a server
 * can send it back verbatim (`-ERR Protocol error: invalid bulk length`).
 * `ReplyError` is not a failure of the decoder: it is an error *reply*
 * (`-WRONGTYPE ...`) turned into a value for the client's hot path.
 *
 * @module
 */

const PROTOCOL_ERROR = Symbol.for('@mini-redis/resp.ProtocolError');
const REPLY_ERROR = Symbol.for('@mini-redis/resp.ReplyError');

function hasMarker(value: unknown, marker: symbol): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[marker] === true
  );
}

/** The input is not valid RESP. The decoder stops after the first one. */
export class ProtocolError extends Error {
  /** Always `'ERR_PROTOCOL'`. */
  readonly code = 'ERR_PROTOCOL';
  readonly [PROTOCOL_ERROR] = true;

  constructor(message: string) {
    super(message);
    this.name = 'ProtocolError';
  }

  /** True for any `ProtocolError`, from any copy of this package. */
  static is(value: unknown): value is ProtocolError {
    return hasMarker(value, PROTOCOL_ERROR);
  }
}

/**
 * An error reply from the server (`-ERR ...`, `-WRONGTYPE ...`, or a blob
 * error). `code` is the first word of the reply, as Redis uses it.
 */
export class ReplyError extends Error {
  /** The error code: the first word of the reply (`ERR`, `WRONGTYPE`, `NOAUTH`, ...). */
  readonly code: string;
  readonly [REPLY_ERROR] = true;

  constructor(message: string) {
    super(message);
    this.name = 'ReplyError';
    const space = message.indexOf(' ');
    this.code = space === -1 ? message : message.slice(0, space);
  }

  /** True for any `ReplyError`, from any copy of this package. */
  static is(value: unknown): value is ReplyError {
    return hasMarker(value, REPLY_ERROR);
  }
}
