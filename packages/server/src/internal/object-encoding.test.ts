import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../test/helpers.js';
import type { Entry } from '../keyspace.js';
import { toInteger } from './args.js';
import { objectEncoding } from './object-encoding.js';

function stringEntry(text: string): Entry {
  return {
    value: Buffer.from(text, 'latin1'),
    expiresAt: 0,
    encoding: 'auto',
    accessedAt: 0,
    frequency: 0,
    countedBytes: 0,
    seq: 0,
  };
}

describe('objectEncoding of a string SET stored', () => {
  it('reads an integer from the bytes exactly as toInteger reads the text', () => {
    const texts = [
      '',
      '0',
      '-0',
      '00',
      '01',
      '-',
      '-1',
      '1',
      '9',
      '10',
      ' 1',
      '1 ',
      '+1',
      '1a',
      'a1',
      '1.0',
      '999999999999999999', // 18 digits
      '-999999999999999999',
      '9223372036854775807', // INT64_MAX
      '9223372036854775808',
      '-9223372036854775808', // INT64_MIN
      '-9223372036854775809',
      '10000000000000000000',
      '99999999999999999999',
      '-10000000000000000000',
      '123456789012345678901',
      '/',
      ':',
    ];
    for (const text of texts) {
      const expected = toInteger(text) !== undefined ? 'int' : text.length <= 44 ? 'embstr' : 'raw';
      expect([text, objectEncoding(stringEntry(text))]).toEqual([text, expected]);
    }
    expect(objectEncoding(stringEntry('9223372036854775807'))).toBe('int');
    expect(objectEncoding(stringEntry('9223372036854775808'))).toBe('embstr');
    expect(objectEncoding(stringEntry('-0'))).toBe('embstr');
  });

  it('agrees with toInteger on random digit strings of every length up to 21', () => {
    const random = seededRandom(7);
    const alphabet = '-0123456789x';
    for (let n = 0; n < 20_000; n++) {
      const length = Math.floor(random() * 22);
      let text = '';
      for (let i = 0; i < length; i++) {
        // Mostly digits, a minus or a letter now and then.
        const r = random();
        text += r < 0.04 ? '-' : r < 0.06 ? 'x' : alphabet[1 + Math.floor(random() * 10)];
      }
      const expected = toInteger(text) !== undefined ? 'int' : text.length <= 44 ? 'embstr' : 'raw';
      expect([text, objectEncoding(stringEntry(text))]).toEqual([text, expected]);
    }
  });
});
