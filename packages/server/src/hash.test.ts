import { describe, expect, it } from 'vitest';
import { DEFAULT_ENCODING_LIMITS } from './encoding-limits.js';
import { Hash } from './hash.js';

const LISTPACK_MAX_ENTRIES = DEFAULT_ENCODING_LIMITS['hash-max-listpack-entries'];
const LISTPACK_MAX_VALUE = DEFAULT_ENCODING_LIMITS['hash-max-listpack-value'];

const value = (text: string) => Buffer.from(text, 'latin1');

describe('Hash', () => {
  it('keeps insertion order; an updated field keeps its place', () => {
    const hash = new Hash(DEFAULT_ENCODING_LIMITS);
    expect(hash.set('b', value('1'))).toBe(true);
    expect(hash.set('a', value('2'))).toBe(true);
    expect(hash.set('b', value('3'))).toBe(false);
    expect([...hash.entries()].map(([f, v]) => `${f}=${v}`)).toEqual(['b=3', 'a=2']);
    expect(hash.delete('b')).toBe(true);
    expect(hash.delete('b')).toBe(false);
    hash.set('b', value('4'));
    expect([...hash.fields()]).toEqual(['a', 'b']);
  });

  it('becomes a hashtable past the listpack limits, and stays one', () => {
    const long = new Hash(DEFAULT_ENCODING_LIMITS);
    long.set('f', Buffer.alloc(LISTPACK_MAX_VALUE));
    expect(long.encoding).toBe('listpack');
    long.set('g', Buffer.alloc(LISTPACK_MAX_VALUE + 1));
    expect(long.encoding).toBe('hashtable');
    long.delete('g');
    expect(long.encoding).toBe('hashtable');
    const longField = new Hash(DEFAULT_ENCODING_LIMITS);
    longField.set('x'.repeat(LISTPACK_MAX_VALUE + 1), value('1'));
    expect(longField.encoding).toBe('hashtable');
    const many = new Hash(DEFAULT_ENCODING_LIMITS);
    for (let i = 0; i < LISTPACK_MAX_ENTRIES; i++) many.set(`f${i}`, value('v'));
    expect(many.encoding).toBe('listpack');
    many.set('f0', value('again'));
    expect(many.encoding).toBe('listpack');
    many.set('one-more', value('v'));
    expect(many.encoding).toBe('hashtable');
  });

  it('converts by its limits as they are at each change', () => {
    const limits = { ...DEFAULT_ENCODING_LIMITS, 'hash-max-listpack-entries': 2 };
    const hash = new Hash(limits);
    hash.set('a', value('1'));
    hash.set('b', value('2'));
    expect(hash.encoding).toBe('listpack');
    limits['hash-max-listpack-value'] = 3;
    hash.set('a', value('1234'));
    expect(hash.encoding).toBe('hashtable');
    // An update converts too once the count is past a lowered limit.
    const lowered = { ...DEFAULT_ENCODING_LIMITS, 'hash-max-listpack-entries': 1 };
    const shared = new Hash(lowered);
    shared.set('a', value('1'));
    expect(shared.encoding).toBe('listpack');
    lowered['hash-max-listpack-entries'] = 0;
    expect(shared.set('a', value('2'))).toBe(false);
    expect(shared.encoding).toBe('hashtable');
    const other = new Hash(limits);
    limits['hash-max-listpack-entries'] = 0;
    other.set('a', value('1'));
    expect(other.encoding).toBe('hashtable');
  });

  it('copies fields, values, order and encoding, sharing no value', () => {
    const hash = new Hash(DEFAULT_ENCODING_LIMITS);
    hash.set('a', value('1'));
    hash.set('b', Buffer.alloc(100));
    const copy = hash.copy();
    expect([...copy.entries()]).toEqual([...hash.entries()]);
    expect(copy.encoding).toBe('hashtable');
    copy.get('a')![0] = 0x39;
    expect(hash.get('a')!.toString()).toBe('1');
    copy.set('c', value('3'));
    expect(hash.has('c')).toBe(false);
  });
});
