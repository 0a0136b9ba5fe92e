// GEODIST: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, err } from '../../test/command-harness.js';
import { sicily } from '../../test/geo-fixture.js';

describe('GEODIST', () => {
  it('replies the distance with 4 decimals, in meters or the unit given', () => {
    const h = sicily();
    expect(h.run('GEODIST', 'g', 'Palermo', 'Gela')).toBe(bulk('136257.1753'));
    expect(h.run('GEODIST', 'g', 'Palermo', 'Gela', 'km')).toBe(bulk('136.2572'));
    expect(h.run('GEODIST', 'g', 'Palermo', 'Gela', 'MI')).toBe(bulk('84.6665'));
    expect(h.run('GEODIST', 'g', 'Palermo', 'Gela', 'ft')).toBe(bulk('447037.9766'));
    expect(h.run('GEODIST', 'g', 'Gela', 'Gela')).toBe(bulk('0.0000'));
    // A bulk string in RESP3 too.
    h.client.run('HELLO', '3');
    expect(h.run('GEODIST', 'g', 'Palermo', 'Gela', 'km')).toBe(bulk('136.2572'));
  });

  it('replies a null for a missing key or member', () => {
    const h = sicily();
    expect(h.run('GEODIST', 'g', 'Palermo', 'nope')).toBe(bulk(null));
    expect(h.run('GEODIST', 'missing', 'a', 'b')).toBe(bulk(null));
  });

  it('checks the unit and the argument count before the key', () => {
    const h = sicily();
    expect(h.run('GEODIST', 'missing', 'a', 'b', 'yd')).toBe(
      err('ERR unsupported unit provided. please use M, KM, FT, MI'),
    );
    expect(h.run('GEODIST', 'missing', 'a', 'b', 'km', 'x')).toBe(err('ERR syntax error'));
    h.run('SET', 's', 'x');
    expect(h.run('GEODIST', 's', 'a', 'b')).toBe(
      err('WRONGTYPE Operation against a key holding the wrong kind of value'),
    );
  });
});
