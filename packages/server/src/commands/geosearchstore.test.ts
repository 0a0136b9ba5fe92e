// GEOSEARCHSTORE: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, bulks, err, int } from '../../test/command-harness.js';
import { sicily } from '../../test/geo-fixture.js';

describe('GEOSEARCHSTORE', () => {
  it('stores the members with their geohashes, or with STOREDIST their distances', () => {
    const h = sicily();
    const search = ['g', 'FROMMEMBER', 'Gela', 'BYRADIUS', '200', 'km'];
    expect(h.run('GEOSEARCHSTORE', 'd', ...search)).toBe(int(3));
    expect(h.run('ZSCORE', 'd', 'Catania')).toBe(bulk('3476504601741708'));
    expect(h.run('GEOSEARCHSTORE', 'd', ...search, 'STOREDIST')).toBe(int(3));
    expect(h.run('ZRANGE', 'd', '0', '-1', 'WITHSCORES')).toBe(
      bulks('Gela', '0', 'Catania', '88.828620619509763', 'Palermo', '136.257175267864'),
    );
    expect(h.run('GEOSEARCHSTORE', 'd', ...search, 'COUNT', '1')).toBe(int(1));
    expect(h.run('ZRANGE', 'd', '0', '-1')).toBe(bulks('Gela'));
  });

  it('replaces any value and its TTL, and deletes the destination when nothing is found', () => {
    const h = sicily();
    h.run('SET', 'd', 'x', 'EX', '100');
    expect(h.run('GEOSEARCHSTORE', 'd', 'g', 'FROMLONLAT', '14', '37', 'BYRADIUS', '1', 'km')).toBe(
      int(1),
    );
    expect(h.run('TYPE', 'd')).toBe('+zset\r\n');
    expect(h.run('TTL', 'd')).toBe(int(-1));
    expect(h.run('GEOSEARCHSTORE', 'd', 'g', 'FROMLONLAT', '0', '0', 'BYRADIUS', '1', 'km')).toBe(
      int(0),
    );
    expect(h.run('EXISTS', 'd')).toBe(int(0));
    h.run('SET', 'd', 'x');
    expect(
      h.run('GEOSEARCHSTORE', 'd', 'missing', 'FROMLONLAT', '0', '0', 'BYRADIUS', '1', 'km'),
    ).toBe(int(0));
    expect(h.run('EXISTS', 'd')).toBe(int(0));
  });

  it('refuses the WITH options', () => {
    const h = sicily();
    expect(
      h.run('GEOSEARCHSTORE', 'd', 'g', 'FROMLONLAT', '0', '0', 'BYRADIUS', '1', 'km', 'WITHDIST'),
    ).toBe(
      err('ERR GEOSEARCHSTORE is not compatible with WITHDIST, WITHHASH and WITHCOORD options'),
    );
  });
});
