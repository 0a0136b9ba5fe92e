// GEOHASH: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulks, CommandHarness, err } from '../../test/command-harness.js';
import { sicily } from '../../test/geo-fixture.js';

describe('GEOHASH', () => {
  it('replies standard 11-character geohashes, nulls for missing members', () => {
    const h = sicily();
    expect(h.run('GEOHASH', 'g', 'Palermo', 'nope', 'Gela')).toBe(
      bulks('sqc8b49rny0', null, 'sq9fqxdkxe0'),
    );
    expect(h.run('GEOHASH', 'missing', 'a')).toBe(bulks(null));
    expect(h.run('GEOHASH', 'g')).toBe('*0\r\n');
  });

  it('re-encodes with latitudes from -90 to 90, as the standard has them', () => {
    const h = new CommandHarness();
    h.run('GEOADD', 'g', '-180', '-85.05112878', 'a', '180', '85.05112878', 'b', '0', '0', 'c');
    expect(h.run('GEOHASH', 'g', 'a', 'b', 'c')).toBe(
      bulks('00bh0hbj200', 'bp05b5048p0', 's0000000000'),
    );
    h.run('SET', 's', 'x');
    expect(h.run('GEOHASH', 's', 'a')).toBe(
      err('WRONGTYPE Operation against a key holding the wrong kind of value'),
    );
  });
});
