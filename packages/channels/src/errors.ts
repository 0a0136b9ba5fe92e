/**
 * Error classes of @mini-redis/channels.
 *
 * Each condition has one small class with a stable `code` and a
 * `Symbol.for` marker, so `SendError.is(err)` works even when two copies of
 * this package are installed. Expected conditions (an empty channel, a full
 * buffer) are return values, never these errors.
 *
 * @module
 */

const SEND_ERROR = Symbol.for('@mini-redis/channels.SendError');
const RECV_ERROR = Symbol.for('@mini-redis/channels.RecvError');
const LAGGED_ERROR = Symbol.for('@mini-redis/channels.LaggedError');
const ACQUIRE_ERROR = Symbol.for('@mini-redis/channels.AcquireError');

function hasMarker(value: unknown, marker: symbol): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[marker] === true
  );
}

/**
 * A value could not be sent because every receiver is gone, or because the
 * sending handle was already closed. The value comes back in `.value`, so
 * nothing is lost.
 */
export class SendError<T = unknown> extends Error {
  /** Always `'ERR_CHANNEL_CLOSED'`. */
  readonly code = 'ERR_CHANNEL_CLOSED';
  /** The value that was not sent. */
  readonly value: T;
  readonly [SEND_ERROR] = true;

  constructor(
    value: T,
    message = 'Expected an open channel to send on, got a closed one: every receiver is gone',
  ) {
    super(message);
    this.name = 'SendError';
    this.value = value;
  }

  /** True for any `SendError`, from any copy of this package. */
  static is(value: unknown): value is SendError<unknown> {
    return hasMarker(value, SEND_ERROR);
  }
}

/**
 * Nothing can be received any more: a oneshot sender was closed without a
 * value, or a watch channel was closed after its last value was seen.
 */
export class RecvError extends Error {
  /** Always `'ERR_RECV_CLOSED'`. */
  readonly code = 'ERR_RECV_CLOSED';
  readonly [RECV_ERROR] = true;

  constructor(message = 'Expected a value, got a closed channel: the sender is gone') {
    super(message);
    this.name = 'RecvError';
  }

  /** True for any `RecvError`, from any copy of this package. */
  static is(value: unknown): value is RecvError {
    return hasMarker(value, RECV_ERROR);
  }
}

/**
 * A broadcast receiver fell behind and `skipped` values were overwritten
 * before it read them. The receiver has moved on to the oldest value still
 * retained; the next `recv` returns it.
 */
export class LaggedError extends Error {
  /** Always `'ERR_CHANNEL_LAGGED'`. */
  readonly code = 'ERR_CHANNEL_LAGGED';
  /** How many values this receiver missed. */
  readonly skipped: number;
  readonly [LAGGED_ERROR] = true;

  constructor(skipped: number) {
    super(`Receiver lagged behind and skipped ${skipped} value${skipped === 1 ? '' : 's'}`);
    this.name = 'LaggedError';
    this.skipped = skipped;
  }

  /** True for any `LaggedError`, from any copy of this package. */
  static is(value: unknown): value is LaggedError {
    return hasMarker(value, LAGGED_ERROR);
  }
}

/** The semaphore was closed: no permits will be handed out any more. */
export class AcquireError extends Error {
  /** Always `'ERR_SEMAPHORE_CLOSED'`. */
  readonly code = 'ERR_SEMAPHORE_CLOSED';
  readonly [ACQUIRE_ERROR] = true;

  constructor(message = 'Expected an open semaphore, got a closed one') {
    super(message);
    this.name = 'AcquireError';
  }

  /** True for any `AcquireError`, from any copy of this package. */
  static is(value: unknown): value is AcquireError {
    return hasMarker(value, ACQUIRE_ERROR);
  }
}
