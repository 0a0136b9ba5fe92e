/**
 * `Frame`: one RESP value, exactly as it was on the wire.
 *
 * Modelled on mini-redis's `Frame` enum and extended to all of RESP3. Each
 * variant keeps what distinguishes it on the wire (a simple string is not a
 * bulk string, a RESP2 null bulk is not a RESP3 null, an attribute is not
 * part of the value it annotates), so a frame can be re-encoded to the same
 * bytes. The client's hot path uses plain JavaScript values instead (see
 * `ReplyDecoder`); servers and tools that must round-trip use frames.
 *
 * The wire form of each type (`\r\n` is CRLF):
 *
 * ```text
 * simple string   +OK\r\n
 * error           -ERR unknown command\r\n
 * integer         :1000\r\n                   (signed 64-bit)
 * bulk string     $5\r\nhello\r\n
 * null bulk       $-1\r\n                     (RESP2)
 * array           *2\r\n:1\r\n:2\r\n
 * null array      *-1\r\n                     (RESP2)
 * null            _\r\n                       (RESP3)
 * boolean         #t\r\n  #f\r\n              (RESP3)
 * double          ,3.14\r\n  ,inf\r\n  ,nan\r\n (RESP3)
 * big number      (3492890328409238509324850943850943825024385\r\n (RESP3)
 * blob error      !21\r\nSYNTAX invalid syntax\r\n (RESP3)
 * verbatim string =15\r\ntxt:Some string\r\n  (RESP3)
 * map             %1\r\n+key\r\n:1\r\n        (RESP3)
 * set             ~2\r\n+a\r\n+b\r\n          (RESP3)
 * attribute       |1\r\n+ttl\r\n:3600\r\n<the value it annotates>  (RESP3)
 * push            >3\r\n+message\r\n+chan\r\n+hi\r\n (RESP3)
 * streamed string $?\r\n;4\r\nHell\r\n;1\r\no\r\n;0\r\n      (decoded as bulk)
 * streamed aggr.  *?\r\n:1\r\n:2\r\n.\r\n     (also %? and ~?; decoded as array, map, set)
 * ```
 *
 * @module
 */

import type { Buffer } from 'node:buffer';

/** One RESP value, as it was on the wire. */
export type Frame =
  | { readonly type: 'simple'; readonly value: string }
  | { readonly type: 'error'; readonly value: string }
  | { readonly type: 'integer'; readonly value: number | bigint }
  | { readonly type: 'bulk'; readonly value: Buffer }
  | { readonly type: 'null-bulk' }
  | { readonly type: 'array'; readonly value: readonly Frame[] }
  | { readonly type: 'null-array' }
  | { readonly type: 'null' }
  | { readonly type: 'boolean'; readonly value: boolean }
  | { readonly type: 'double'; readonly value: number }
  | { readonly type: 'bignum'; readonly value: bigint }
  | { readonly type: 'blob-error'; readonly value: Buffer }
  | { readonly type: 'verbatim'; readonly format: string; readonly value: Buffer }
  | { readonly type: 'map'; readonly value: readonly (readonly [Frame, Frame])[] }
  | { readonly type: 'set'; readonly value: readonly Frame[] }
  | { readonly type: 'push'; readonly value: readonly Frame[] }
  | {
      readonly type: 'attribute';
      readonly attributes: readonly (readonly [Frame, Frame])[];
      readonly value: Frame;
    };

/** The `type` of a frame. */
export type FrameType = Frame['type'];
