/**
 * Turning a `Frame` into the plain value the direct client returns, and
 * the shape of reply values (re-exported from @mini-redis/resp).
 *
 * @module
 */

import { type Frame, type Reply, ReplyError } from '@mini-redis/resp';

/** A frame as a plain value: strings for text, `ReplyError` for errors. */
export function frameToReply(frame: Frame, buffers = false): Reply {
  switch (frame.type) {
    case 'simple':
      return frame.value;
    case 'error':
      return new ReplyError(frame.value);
    case 'integer':
    case 'boolean':
    case 'double':
    case 'bignum':
      return frame.value;
    case 'bulk':
    case 'verbatim':
      return buffers ? frame.value : frame.value.toString('utf8');
    case 'blob-error':
      return new ReplyError(frame.value.toString('utf8'));
    case 'null-bulk':
    case 'null-array':
    case 'null':
      return null;
    case 'array':
    case 'set':
    case 'push':
      return frame.value.map((item) => frameToReply(item, buffers));
    case 'map':
      return new Map(
        frame.value.map(([key, value]) => [
          frameToReply(key, buffers),
          frameToReply(value, buffers),
        ]),
      );
    case 'attribute':
      return frameToReply(frame.value, buffers);
  }
}

/**
 * @internal A map reply (RESP3), or a RESP2 flat list of names and values,
 * as a Map by name; empty for anything else.
 */
export function replyFields(reply: Reply | undefined): Map<string, Reply> {
  const fields = new Map<string, Reply>();
  if (reply instanceof Map) {
    for (const [name, value] of reply) fields.set(String(name), value);
  } else if (Array.isArray(reply)) {
    for (let i = 0; i + 1 < reply.length; i += 2) fields.set(String(reply[i]), reply[i + 1]!);
  }
  return fields;
}
