#!/usr/bin/env node
// Fuzzes the built decoders (`npm run fuzz -w @mini-redis/resp`): feeds
// random and mutated inputs, split at random points, to ReplyDecoder,
// FrameDecoder and RequestDecoder, and counts crashes: an exception out of
// `write`, or more than one error report. Exits non-zero on any crash.
//
//   node scripts/fuzz.mjs [inputs=1000000] [seed]
import { FrameDecoder, ReplyDecoder, RequestDecoder } from '../dist/index.js';

const total = Number(process.argv[2] ?? 1_000_000);
let seed = Number(process.argv[3] ?? Date.now() % 2 ** 31);
const initialSeed = seed;

// A small deterministic PRNG (mulberry32), so a crash can be replayed from its seed.
function random() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const below = (n) => Math.floor(random() * n);

const SEEDS = [
  '+OK\r\n',
  '-ERR x\r\n',
  ':123\r\n',
  ':-9223372036854775808\r\n',
  '$5\r\nhello\r\n',
  '$-1\r\n',
  '*-1\r\n',
  '*2\r\n$3\r\nfoo\r\n:1\r\n',
  '_\r\n',
  '#t\r\n',
  ',3.14\r\n',
  ',inf\r\n',
  '(123456789012345678901234567890\r\n',
  '!3\r\nERR\r\n',
  '=7\r\ntxt:abc\r\n',
  '%1\r\n+k\r\n:1\r\n',
  '~2\r\n:1\r\n:2\r\n',
  '|1\r\n+a\r\n:1\r\n+v\r\n',
  '>2\r\n+message\r\n+x\r\n',
  '$?\r\n;2\r\nab\r\n;0\r\n',
  '*?\r\n:1\r\n.\r\n',
  '%?\r\n+a\r\n:1\r\n.\r\n',
  '*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n',
  'PING\r\n',
  'set k "a\\x41 b"\r\n',
  '*1\r\n*1\r\n*1\r\n:1\r\n',
].map((s) => Buffer.from(s));
const INTERESTING = [0, 10, 13, 36, 42, 43, 45, 58, 63, 46, 59, 34, 39, 92, 255, 48, 57];

function input() {
  if (random() < 0.25) {
    const bytes = Buffer.alloc(below(64));
    for (let i = 0; i < bytes.length; i++)
      bytes[i] = random() < 0.5 ? INTERESTING[below(INTERESTING.length)] : below(256);
    return bytes;
  }
  const parts = [];
  const count = 1 + below(4);
  for (let i = 0; i < count; i++) parts.push(SEEDS[below(SEEDS.length)]);
  const bytes = Buffer.concat(parts);
  const mutations = below(4);
  for (let i = 0; i < mutations && bytes.length > 0; i++) {
    bytes[below(bytes.length)] =
      random() < 0.5 ? INTERESTING[below(INTERESTING.length)] : below(256);
  }
  return random() < 0.1 ? bytes.subarray(0, below(bytes.length + 1)) : bytes;
}

function feed(decoder, bytes) {
  let pos = 0;
  while (pos < bytes.length) {
    const size = 1 + below(random() < 0.5 ? 4 : 64);
    decoder.write(bytes.subarray(pos, pos + size));
    pos += size;
  }
}

let crashes = 0;
const start = Date.now();
for (let n = 0; n < total; n++) {
  const bytes = input();
  let errors = 0;
  const onError = () => errors++;
  const decoders = [
    new ReplyDecoder({
      onReply() {},
      onPush() {},
      onError,
      maps: n % 2 ? 'object' : 'map',
      returnBuffers: n % 3 === 0,
    }),
    new FrameDecoder({ onFrame() {}, onError }),
    new RequestDecoder({
      onCommand(args) {
        args.toArray();
      },
      onError,
    }),
  ];
  for (const decoder of decoders) {
    errors = 0;
    try {
      feed(decoder, bytes);
    } catch (error) {
      crashes++;
      console.error(
        `crash on input ${n} (${JSON.stringify(bytes.toString('latin1'))}): ${error?.stack ?? error}`,
      );
    }
    if (errors > 1) {
      crashes++;
      console.error(
        `input ${n} reported ${errors} errors (${JSON.stringify(bytes.toString('latin1'))})`,
      );
    }
  }
}
const seconds = ((Date.now() - start) / 1000).toFixed(1);
console.log(
  `fuzz: ${total} inputs x 3 decoders in ${seconds} s (seed ${initialSeed}): ${crashes} crashes`,
);
process.exitCode = crashes === 0 ? 0 : 1;
