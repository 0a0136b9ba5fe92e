// RESTORE against hostile payloads: valid DUMPs of every type, damaged at
// random (bytes changed, cut, inserted) and resealed with a right CRC, so
// the object decoders see them. Each must either restore a value that
// reads back (and dumps again) or reply "Bad data format"; never throw.
import { describe, expect, it } from 'vitest';
import { CommandHarness, OK } from '../../test/command-harness.js';
import { seededRandom } from '../../test/helpers.js';
import { crc64 } from '../rdb/crc64.js';

const SETUPS: readonly (readonly string[])[] = [
  ['SET', 'src', 'a string long enough to be compressed by lzf lzf lzf lzf'],
  ['SET', 'src', '12345'],
  ['RPUSH', 'src', 'a', '1', '-300', 'bcd', '70000', 'x'.repeat(70)],
  ['SADD', 'src', '1', '-5', '70000', '5000000000'],
  ['SADD', 'src', 'a', 'b', '3'],
  ['ZADD', 'src', '1', 'a', '2.5', 'b', '-3', 'c', 'inf', 'd'],
  ['ZADD', 'src', '1', 'x'.repeat(100), '2', 'b'],
  ['HSET', 'src', 'f', 'v', 'n', '12', 'long', 'y'.repeat(70)],
  ['HSET', 'src', 'f', 'v', 'n', '12'],
  ['XADD', 'src', '1-1', 'a', '1', 'b', '2'],
];

// A payload's body (without the 10-byte footer), resealed.
function seal(body: Buffer): Buffer {
  const withVersion = Buffer.concat([body, Buffer.of(10, 0)]);
  const footer = Buffer.alloc(8);
  footer.writeBigUInt64LE(crc64(withVersion));
  return Buffer.concat([withVersion, footer]);
}

const BAD = '-ERR Bad data format\r\n';

describe('RESTORE', () => {
  it('restores or refuses damaged payloads, never failing otherwise', () => {
    const h = new CommandHarness();
    const seeds = Number(process.env.RESTORE_SEEDS ?? 300);
    let restored = 0;
    let refused = 0;
    for (const setup of SETUPS) {
      h.run('FLUSHALL');
      h.run(...setup);
      if (setup[0] === 'XADD') {
        h.run('XGROUP', 'CREATE', 'src', 'g', '0');
        h.run('XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 'src', '>');
      }
      const text = h.run('DUMP', 'src');
      const header = /^\$(\d+)\r\n/.exec(text)!;
      const payload = Buffer.from(text.slice(header[0].length, -2), 'latin1');
      expect(payload.length).toBe(Number(header[1]));
      // Undamaged, it restores.
      expect(h.run('RESTORE', 'copy', '0', payload, 'REPLACE')).toBe(OK);
      const body = payload.subarray(0, -10);
      for (let seed = 1; seed <= seeds; seed++) {
        const random = seededRandom(seed);
        let damaged = Buffer.from(body);
        const cuts = 1 + Math.floor(random() * 3);
        for (let i = 0; i < cuts; i++) {
          const at = Math.floor(random() * damaged.length);
          const kind = random();
          if (kind < 0.6) damaged[at] = Math.floor(random() * 256);
          else if (kind < 0.8) damaged = damaged.subarray(0, at);
          else
            damaged = Buffer.concat([
              damaged.subarray(0, at),
              Buffer.of(Math.floor(random() * 256)),
              damaged.subarray(at),
            ]);
        }
        const reply = h.run('RESTORE', 'copy', '0', seal(damaged), 'REPLACE');
        if (reply === BAD) {
          refused++;
          continue;
        }
        expect(reply, `${setup.join(' ')}, seed ${seed}`).toBe(OK);
        restored++;
        // What restored is a value like any other: it dumps and restores again.
        const again = h.run('DUMP', 'copy');
        const length = Number(/^\$(\d+)\r\n/.exec(again)![1]);
        const copy = Buffer.from(again.slice(again.indexOf('\n') + 1, -2), 'latin1');
        expect(copy.length).toBe(length);
        expect(h.run('RESTORE', 'copy2', '0', copy, 'REPLACE')).toBe(OK);
      }
    }
    expect(h.run('PING')).toBe('+PONG\r\n');
    // Both outcomes happen: the damage reaches the decoders.
    expect(restored).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  });
});
