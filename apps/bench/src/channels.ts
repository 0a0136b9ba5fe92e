/**
 * The `channels` suite: 1,000,000 numbers from one producer to one consumer
 * through a channel of capacity 32, for our mpsc (one await per message,
 * and `recvMany` batches), the npm packages `async-channel` and `effect`
 * (Queue), and the floor of 1,000,000 bare `await null`.
 *
 * @module
 */

import { mpsc } from '@mini-redis/channels';
import { Channel } from 'async-channel';
import { Effect, Queue } from 'effect';
import { type BenchCase, measure, printTable } from './harness.js';

const COUNT = 1_000_000;
const CAPACITY = 32;
// The sum of 0..COUNT-1: every case must deliver every number exactly once.
const EXPECTED = (COUNT * (COUNT - 1)) / 2;

async function oursAwaitPerMessage(): Promise<number> {
  const [tx, rx] = mpsc.channel<number>(CAPACITY);
  const producer = (async () => {
    for (let i = 0; i < COUNT; i++) await tx.send(i);
    tx.close();
  })();
  let sum = 0;
  for (let value = await rx.recv(); value !== undefined; value = await rx.recv()) sum += value;
  await producer;
  return sum;
}

async function oursRecvMany(): Promise<number> {
  const [tx, rx] = mpsc.channel<number>(CAPACITY);
  const producer = (async () => {
    for (let i = 0; i < COUNT; i++) await tx.send(i);
    tx.close();
  })();
  let sum = 0;
  // A fresh array per batch: truncating a reused one (`length = 0`) frees
  // its storage and costs more than it saves (measured).
  for (
    let batch = await rx.recvMany(CAPACITY);
    batch.length > 0;
    batch = await rx.recvMany(CAPACITY)
  ) {
    for (let i = 0; i < batch.length; i++) sum += batch[i]!;
  }
  await producer;
  return sum;
}

async function asyncChannel(): Promise<number> {
  const channel = new Channel<number>(CAPACITY);
  const producer = (async () => {
    for (let i = 0; i < COUNT; i++) await channel.push(i);
    channel.close();
  })();
  let sum = 0;
  for await (const value of channel) sum += value;
  await producer;
  return sum;
}

function effectQueue(): Promise<number> {
  const program = Effect.gen(function* () {
    const queue = yield* Queue.bounded<number>(CAPACITY);
    const producer = Effect.gen(function* () {
      for (let i = 0; i < COUNT; i++) yield* Queue.offer(queue, i);
    });
    const consumer = Effect.gen(function* () {
      let sum = 0;
      for (let i = 0; i < COUNT; i++) sum += yield* Queue.take(queue);
      return sum;
    });
    const [, sum] = yield* Effect.all([producer, consumer], { concurrency: 'unbounded' });
    return sum;
  });
  return Effect.runPromise(program);
}

async function awaitFloor(): Promise<number> {
  let sum = 0;
  for (let i = 0; i < COUNT; i++) {
    await null;
    sum += i;
  }
  return sum;
}

export async function runChannelsSuite(): Promise<void> {
  const cases: BenchCase[] = [
    {
      name: 'ours: await per message',
      operations: COUNT,
      run: oursAwaitPerMessage,
      expected: EXPECTED,
    },
    { name: 'ours: recvMany batches', operations: COUNT, run: oursRecvMany, expected: EXPECTED },
    { name: 'async-channel', operations: COUNT, run: asyncChannel, expected: EXPECTED },
    { name: 'effect Queue', operations: COUNT, run: effectQueue, expected: EXPECTED },
    { name: 'floor: await null', operations: COUNT, run: awaitFloor, expected: EXPECTED },
  ];
  const results = await measure(cases);
  printTable(
    `channels: ${COUNT.toLocaleString('en-US')} numbers through capacity ${CAPACITY}`,
    results,
    'async-channel',
  );
}
