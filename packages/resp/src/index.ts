/**
 * @mini-redis/resp: a streaming RESP2/RESP3 codec. Zero dependencies.
 *
 * Decoding: `ReplyDecoder` (replies as plain values, the client's hot path),
 * `FrameDecoder` (exact `Frame`s), `RequestDecoder` (commands, for servers).
 * Encoding: `CommandEncoder` (commands, batched) and `ReplyEncoder` (replies
 * in RESP2 or RESP3).
 *
 * @module
 */

export { type CommandArg, CommandEncoder, encodeCommand } from './command-encoder.js';
export { ProtocolError, ReplyError } from './errors.js';
export type { Frame, FrameType } from './frame.js';
export { FrameDecoder, type FrameDecoderOptions } from './frame-decoder.js';
export { splitInlineArgs } from './inline.js';
export { DEFAULT_LIMITS, type DecoderLimits } from './limits.js';
export { type Reply, ReplyDecoder, type ReplyDecoderOptions } from './reply-decoder.js';
export { encodeFrame, formatDouble, type Protocol, ReplyEncoder } from './reply-encoder.js';
export { RequestArgs, RequestDecoder, type RequestDecoderOptions } from './request-decoder.js';
