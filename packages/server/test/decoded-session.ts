// A connection to a server under test that sends one command at a time
// and decodes its reply into plain values, for the differential tests
// that compare contents rather than bytes (orders Redis does not keep).
import { type Frame, FrameDecoder } from '@mini-redis/resp';
import { expect } from 'vitest';
import { RawClient } from './helpers.js';

export type Value = string | number | bigint | null | Value[];

// A frame as plain values: maps as [key, value] pairs, errors as `-text`.
export function plain(frame: Frame): Value {
  switch (frame.type) {
    case 'bulk':
    case 'verbatim':
      return frame.value.toString('latin1');
    case 'simple':
    case 'integer':
      return frame.value;
    case 'error':
      return `-${frame.value}`;
    case 'array':
    case 'set':
      return frame.value.map(plain);
    case 'map':
      return frame.value.map(([key, value]) => [plain(key), plain(value)]);
    case 'null':
    case 'null-bulk':
    case 'null-array':
      return null;
    default:
      throw new Error(`unexpected ${frame.type}`);
  }
}

// A connection that sends one command and decodes its reply.
export async function session(port: number, protocol: 2 | 3) {
  const client = await RawClient.connect(port);
  const call = async (...command: string[]): Promise<Value> => {
    client.send([command]);
    const frames: Frame[] = [];
    const decoder = new FrameDecoder({
      onFrame: (frame) => frames.push(frame),
      onError: (error) => {
        throw error;
      },
    });
    decoder.write(Buffer.from(await client.read(1), 'latin1'));
    expect(frames).toHaveLength(1);
    return plain(frames[0]!);
  };
  await call('HELLO', String(protocol));
  await call('FLUSHALL');
  return { call, close: () => client.close() };
}

export const sorted = (values: Value): Value[] =>
  [...(values as Value[])].sort((a, b) => (String(a) < String(b) ? -1 : 1));
