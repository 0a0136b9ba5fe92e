/**
 * The `resp` suite: our decoders and encoder against `redis-parser` and
 * node-redis's decoder (`@redis/client`), and ioredis's command encoding,
 * on the same bytes in one process run.
 *
 * @module
 */

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { CommandEncoder, ReplyDecoder, RequestDecoder } from '@mini-redis/resp';
import { type BenchCase, measure, printTable } from './harness.js';

const require = createRequire(import.meta.url);

interface RedisParserInstance {
  execute(chunk: Buffer): void;
}
type RedisParserConstructor = new (options: {
  returnReply: (reply: unknown) => void;
  returnError: (error: unknown) => void;
  returnFatalError?: (error: unknown) => void;
  returnBuffers?: boolean;
  stringNumbers?: boolean;
}) => RedisParserInstance;
const RedisParser = require('redis-parser') as RedisParserConstructor;

interface NodeRedisDecoder {
  write(chunk: Buffer): void;
}
type NodeRedisDecoderConstructor = new (options: {
  onReply: (reply: unknown) => void;
  onErrorReply: (error: unknown) => void;
  onPush: (push: unknown[]) => void;
  getTypeMapping: () => Record<number, unknown>;
}) => NodeRedisDecoder;
// node-redis does not export its decoder; load it from the installed package.
const nodeRedisRoot = dirname(require.resolve('@redis/client/package.json'));
const { Decoder: NodeRedisDecoderClass } = require(
  join(nodeRedisRoot, 'dist/lib/RESP/decoder.js'),
) as {
  Decoder: NodeRedisDecoderConstructor;
};

interface IoredisCommand {
  toWritable(socket: unknown): string | Buffer;
}
const { default: IoredisCommandClass } = require('ioredis/built/Command.js') as {
  default: new (name: string, args: unknown[]) => IoredisCommand;
};

function chunked(bytes: Buffer, size: number): Buffer[] {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return chunks;
}

function smallReplies(count: number): Buffer {
  const parts: string[] = [];
  for (let i = 0; i < count; i++) {
    switch (i % 3) {
      case 0:
        parts.push('+OK\r\n');
        break;
      case 1:
        parts.push(`:${i}\r\n`);
        break;
      default:
        parts.push(`$7\r\nv${String(i % 1000000).padStart(6, '0')}\r\n`);
    }
  }
  return Buffer.from(parts.join(''));
}

function arrayReplies(count: number, width: number): Buffer {
  const one = [`*${width}\r\n`];
  for (let j = 0; j < width; j++) one.push(`$10\r\nvalue-${String(j).padStart(4, '0')}\r\n`);
  return Buffer.from(one.join('').repeat(count));
}

function bigBulks(count: number, size: number): Buffer {
  const payload = 'x'.repeat(size);
  return Buffer.from(`$${size}\r\n${payload}\r\n`.repeat(count));
}

function setRequests(count: number): Buffer {
  const parts: string[] = [];
  for (let i = 0; i < count; i++) {
    const key = `key:${String(i).padStart(7, '0')}`;
    parts.push(`*3\r\n$3\r\nSET\r\n$${key.length}\r\n${key}\r\n$5\r\nvalue\r\n`);
  }
  return Buffer.from(parts.join(''));
}

type Feed = (chunks: Buffer[], onValue: (value: unknown) => void) => void;

function ours(returnBuffers: boolean): Feed {
  return (chunks, onValue) => {
    const decoder = new ReplyDecoder({
      onReply: onValue,
      onError: (error) => {
        throw error;
      },
      returnBuffers,
    });
    for (const chunk of chunks) decoder.write(chunk);
  };
}

function redisParser(returnBuffers: boolean): Feed {
  return (chunks, onValue) => {
    const parser = new RedisParser({
      returnReply: onValue,
      returnError: onValue,
      returnFatalError: (error) => {
        throw error;
      },
      returnBuffers,
    });
    for (const chunk of chunks) parser.execute(chunk);
  };
}

function nodeRedis(returnBuffers: boolean): Feed {
  // Type 36 is the blob string; mapping it to Buffer is how node-redis returns Buffers.
  const mapping = returnBuffers ? { 36: Buffer } : {};
  return (chunks, onValue) => {
    const decoder = new NodeRedisDecoderClass({
      onReply: onValue,
      onErrorReply: onValue,
      onPush: onValue,
      getTypeMapping: () => mapping,
    });
    for (const chunk of chunks) decoder.write(chunk);
  };
}

function decodeCases(
  label: string,
  chunks: Buffer[],
  replies: number,
  returnBuffers: boolean,
): BenchCase[] {
  const run = (feed: Feed) => async () => {
    let count = 0;
    feed(chunks, (value) => {
      // Reading the last character flattens a string built by concatenation
      // (a rope), so a decoder cannot win by deferring that work.
      if (typeof value === 'string' && value.length > 0) value.charCodeAt(value.length - 1);
      count++;
    });
    return count;
  };
  return [
    {
      name: `${label}: ours`,
      operations: replies,
      run: run(ours(returnBuffers)),
      expected: replies,
    },
    {
      name: `${label}: redis-parser`,
      operations: replies,
      run: run(redisParser(returnBuffers)),
      expected: replies,
    },
    {
      name: `${label}: node-redis`,
      operations: replies,
      run: run(nodeRedis(returnBuffers)),
      expected: replies,
    },
  ];
}

export async function runRespSuite(): Promise<void> {
  const small = chunked(smallReplies(1_000_000), 16 * 1024);
  printTable(
    'resp: 1,000,000 small replies in 16 KiB chunks',
    await measure(decodeCases('small', small, 1_000_000, false)),
    'small: redis-parser',
  );

  const arrays = chunked(arrayReplies(10_000, 100), 16 * 1024);
  printTable(
    'resp: 10,000 arrays of 100 bulk strings',
    await measure(decodeCases('arrays', arrays, 10_000, false)),
    'arrays: redis-parser',
  );

  const big = chunked(bigBulks(100, 1024 * 1024), 64 * 1024);
  printTable(
    'resp: 100 bulk strings of 1 MiB, as strings',
    await measure(decodeCases('1MiB string', big, 100, false)),
    '1MiB string: redis-parser',
  );
  printTable(
    'resp: 100 bulk strings of 1 MiB, as Buffers',
    await measure(decodeCases('1MiB Buffer', big, 100, true)),
    '1MiB Buffer: redis-parser',
  );

  const tiny = chunked(smallReplies(100_000), 7);
  printTable(
    'resp: 100,000 replies in 7-byte chunks',
    await measure(decodeCases('7-byte', tiny, 100_000, false)),
    '7-byte: redis-parser',
  );

  // Server side: what a server does with each SET request is read its three
  // arguments as strings; every decoder below does that much.
  const requests = chunked(setRequests(1_000_000), 16 * 1024);
  const requestCases: BenchCase[] = [
    {
      name: 'requests: ours',
      operations: 1_000_000,
      expected: 1_000_000,
      run: async () => {
        let count = 0;
        const decoder = new RequestDecoder({
          onCommand: (args) => {
            if (args.latin1(0).length + args.string(1).length + args.string(2).length > 0) count++;
          },
          onError: (error) => {
            throw error;
          },
        });
        for (const chunk of requests) decoder.write(chunk);
        return count;
      },
    },
    {
      name: 'requests: redis-parser',
      operations: 1_000_000,
      expected: 1_000_000,
      run: async () => {
        let count = 0;
        redisParser(false)(requests, () => {
          count++;
        });
        return count;
      },
    },
    {
      name: 'requests: node-redis',
      operations: 1_000_000,
      expected: 1_000_000,
      run: async () => {
        let count = 0;
        nodeRedis(false)(requests, () => {
          count++;
        });
        return count;
      },
    },
  ];
  printTable(
    'resp: decoding 1,000,000 SET requests (server side)',
    await measure(requestCases),
    'requests: redis-parser',
  );

  const keys = Array.from({ length: 1_000_000 }, (_, i) => `key:${i}`);
  const encodeCases: BenchCase[] = [
    {
      name: 'encode: ours, batches of 100',
      operations: keys.length,
      run: async () => {
        const encoder = new CommandEncoder();
        let bytes = 0;
        for (let i = 0; i < keys.length; i++) {
          encoder.write(['SET', keys[i]!, 'value']);
          if (i % 100 === 99) bytes += encoder.flush().length;
        }
        return bytes + encoder.flush().length;
      },
    },
    {
      name: 'encode: ours, one at a time',
      operations: keys.length,
      run: async () => {
        const encoder = new CommandEncoder();
        let bytes = 0;
        for (let i = 0; i < keys.length; i++) {
          encoder.write(['SET', keys[i]!, 'value']);
          bytes += encoder.flush().length;
        }
        return bytes;
      },
    },
    {
      name: 'encode: ioredis',
      operations: keys.length,
      run: async () => {
        let bytes = 0;
        for (let i = 0; i < keys.length; i++) {
          // ioredis builds a string; the socket then encodes it to bytes.
          const writable = new IoredisCommandClass('set', [keys[i], 'value']).toWritable(null);
          bytes += typeof writable === 'string' ? Buffer.from(writable).length : writable.length;
        }
        return bytes;
      },
    },
  ];
  const encodeResults = await measure(encodeCases);
  printTable('resp: encoding 1,000,000 SET commands to bytes', encodeResults, 'encode: ioredis');
}
