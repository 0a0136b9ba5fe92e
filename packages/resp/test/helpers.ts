// Helpers shared by the resp tests: feed bytes to a decoder in every way
// they can be split, and collect what comes out.
import {
  type Frame,
  FrameDecoder,
  type ProtocolError,
  type Reply,
  ReplyDecoder,
  type ReplyDecoderOptions,
} from '../src/index.js';

export interface Collected<T> {
  values: T[];
  pushes: T[];
  errors: ProtocolError[];
}

export function decodeReplies(
  input: Buffer | string,
  options: Omit<ReplyDecoderOptions, 'onReply' | 'onError'> = {},
  chunkSize = 0,
): Collected<Reply> {
  const out: Collected<Reply> = { values: [], pushes: [], errors: [] };
  const decoder = new ReplyDecoder({
    ...options,
    onReply: (value) => out.values.push(value),
    onPush: (push) => out.pushes.push(push),
    onError: (error) => out.errors.push(error),
  });
  feed(decoder, Buffer.from(input), chunkSize);
  return out;
}

export function decodeFrames(input: Buffer | string, chunkSize = 0): Collected<Frame> {
  const out: Collected<Frame> = { values: [], pushes: [], errors: [] };
  const decoder = new FrameDecoder({
    onFrame: (frame) => out.values.push(frame),
    onError: (error) => out.errors.push(error),
  });
  feed(decoder, Buffer.from(input), chunkSize);
  return out;
}

/** Writes `bytes` whole (chunkSize 0), or in chunks of `chunkSize` bytes. */
export function feed(
  decoder: { write(chunk: Buffer): void },
  bytes: Buffer,
  chunkSize: number,
): void {
  if (chunkSize <= 0) {
    decoder.write(bytes);
    return;
  }
  for (let i = 0; i < bytes.length; i += chunkSize) {
    // Copy each chunk, as a socket would hand over fresh buffers.
    decoder.write(Buffer.from(bytes.subarray(i, i + chunkSize)));
  }
}

/**
 * Feeds `bytes` through one reused read buffer, as a socket with `onread`
 * does: chunk sizes cycle through `sizes`, and the buffer is scribbled over
 * after every write, so a decoder that kept a view of it would read junk.
 */
export function feedThroughReusedBuffer(
  decoder: { write(chunk: Buffer): void },
  bytes: Buffer,
  sizes: number[],
): void {
  const readBuffer = Buffer.alloc(Math.max(...sizes));
  let pos = 0;
  for (let i = 0; pos < bytes.length; i++) {
    const size = Math.min(sizes[i % sizes.length]!, bytes.length - pos);
    bytes.copy(readBuffer, 0, pos, pos + size);
    decoder.write(readBuffer.subarray(0, size));
    readBuffer.fill(0x23);
    pos += size;
  }
}

/** Splits `bytes` at the given cut points. */
export function splitAt(bytes: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let last = 0;
  for (const point of points) {
    chunks.push(Buffer.from(bytes.subarray(last, point)));
    last = point;
  }
  chunks.push(Buffer.from(bytes.subarray(last)));
  return chunks;
}
