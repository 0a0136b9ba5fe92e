// GEORADIUS: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { array, bulks, err, int } from '../../test/command-harness.js';
import { sicily } from '../../test/geo-fixture.js';

describe('GEORADIUS', () => {
  it('finds members within a radius of a point', () => {
    const h = sicily();
    expect(h.run('GEORADIUS', 'g', '14', '37.5', '120', 'km', 'DESC')).toBe(
      bulks('Catania', 'Palermo', 'Gela'),
    );
    expect(
      h.run('GEORADIUS', 'g', '14', '37.5', '120', 'km', 'ASC', 'COUNT', '2', 'WITHDIST'),
    ).toBe(array(bulks('Gela', '55.6131'), bulks('Palermo', '88.5260')));
  });

  it('stores with STORE and STOREDIST, replying with the count', () => {
    const h = sicily();
    expect(h.run('GEORADIUS', 'g', '14', '37.5', '120', 'km', 'STORE', 'd')).toBe(int(3));
    expect(h.run('ZRANGE', 'd', '0', '-1', 'WITHSCORES')).toBe(
      bulks(
        'Gela',
        '3476101302610854',
        'Catania',
        '3476504601741708',
        'Palermo',
        '3479099956230698',
      ),
    );
    expect(h.run('GEORADIUS', 'g', '14', '37.5', '60', 'km', 'STOREDIST', 'd')).toBe(int(1));
    expect(h.run('ZRANGE', 'd', '0', '-1')).toBe(bulks('Gela'));
    expect(h.run('GEORADIUS', 'g', '14', '37.5', '120', 'km', 'WITHHASH', 'STORE', 'd')).toBe(
      err(
        'ERR STORE option in GEORADIUS is not compatible with WITHDIST, WITHHASH and WITHCOORD options',
      ),
    );
    expect(h.run('GEORADIUS', 'g', '14', '99', '120', 'km')).toBe(
      err('ERR invalid longitude,latitude pair 14.000000,99.000000'),
    );
  });
});
