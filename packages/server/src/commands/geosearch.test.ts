// GEOSEARCH: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { array, bulk, bulks, err, int } from '../../test/command-harness.js';
import { CATANIA_POINT, GELA_POINT, PALERMO_POINT, sicily } from '../../test/geo-fixture.js';

describe('GEOSEARCH', () => {
  it('finds members in a circle, in cell order unless sorted', () => {
    const h = sicily();
    expect(h.run('GEOSEARCH', 'g', 'FROMLONLAT', '14', '37.5', 'BYRADIUS', '200', 'km')).toBe(
      bulks('Palermo', 'Gela', 'Catania'),
    );
    expect(
      h.run('GEOSEARCH', 'g', 'FROMMEMBER', 'Gela', 'BYRADIUS', '200', 'km', 'ASC', 'WITHDIST'),
    ).toBe(
      array(bulks('Gela', '0.0000'), bulks('Catania', '88.8286'), bulks('Palermo', '136.2572')),
    );
  });

  it('finds members in a box measured along the parallel and the meridian', () => {
    const h = sicily();
    expect(
      h.run(
        'GEOSEARCH',
        'g',
        'FROMLONLAT',
        '14',
        '37.5',
        'BYBOX',
        '300',
        '200',
        'km',
        'ASC',
        'WITHCOORD',
      ),
    ).toBe(
      array(
        array(bulk('Gela'), GELA_POINT),
        array(bulk('Palermo'), PALERMO_POINT),
        array(bulk('Catania'), CATANIA_POINT),
      ),
    );
    // 100 km high from 37.5: Gela, 55 km south, is out.
    expect(h.run('GEOSEARCH', 'g', 'FROMLONLAT', '14', '37.5', 'BYBOX', '300', '100', 'km')).toBe(
      '*0\r\n',
    );
  });

  it('keeps the nearest with COUNT, the first found with ANY', () => {
    const h = sicily();
    expect(
      h.run('GEOSEARCH', 'g', 'FROMLONLAT', '14', '37.5', 'BYRADIUS', '200', 'km', 'COUNT', '1'),
    ).toBe(bulks('Gela'));
    expect(
      h.run(
        'GEOSEARCH',
        'g',
        'FROMLONLAT',
        '14',
        '37.5',
        'BYRADIUS',
        '200',
        'km',
        'COUNT',
        '1',
        'ANY',
      ),
    ).toBe(bulks('Palermo'));
  });

  it('replies distance, hash and coordinates in that order, doubles in RESP3', () => {
    const h = sicily();
    const search = ['GEOSEARCH', 'g', 'FROMMEMBER', 'Gela', 'BYRADIUS', '100', 'km'];
    const options = ['WITHCOORD', 'WITHHASH', 'WITHDIST'];
    expect(h.run(...search, ...options)).toBe(
      array(
        array(bulk('Gela'), bulk('0.0000'), int(3476101302610854), GELA_POINT),
        array(bulk('Catania'), bulk('88.8286'), int(3476504601741708), CATANIA_POINT),
      ),
    );
    h.client.run('HELLO', '3');
    expect(h.run(...search, 'WITHCOORD', 'COUNT', '1')).toBe(
      array(array(bulk('Gela'), '*2\r\n,14.00000184774398804\r\n,37.00000026605963654\r\n')),
    );
  });

  it("checks its options in Redis's order", () => {
    const h = sicily();
    const at = ['GEOSEARCH', 'g', 'FROMLONLAT', '1', '2'];
    expect(h.run('GEOSEARCH', 'g', 'BYRADIUS', '1', 'km', 'ASC', 'WITHDIST')).toBe(
      err('ERR exactly one of FROMMEMBER or FROMLONLAT can be specified for GEOSEARCH'),
    );
    expect(h.run('geosearch', 'g', 'FROMLONLAT', '1', '2', 'ASC', 'WITHDIST')).toBe(
      err('ERR exactly one of BYRADIUS and BYBOX can be specified for geosearch'),
    );
    expect(h.run(...at, 'BYRADIUS', '1', 'km', 'ANY')).toBe(
      err('ERR the ANY argument requires COUNT argument'),
    );
    expect(h.run(...at, 'BYRADIUS', '1', 'km', 'COUNT', '0')).toBe(err('ERR COUNT must be > 0'));
    expect(h.run(...at, 'BYRADIUS', '-1', 'km')).toBe(err('ERR radius cannot be negative'));
    expect(h.run(...at, 'BYRADIUS', 'x', 'km')).toBe(err('ERR need numeric radius'));
    expect(h.run(...at, 'BYBOX', '1', 'x', 'km')).toBe(err('ERR need numeric height'));
    // Both numbers are read before either's sign is looked at.
    expect(h.run(...at, 'BYBOX', '-1', 'x', 'km')).toBe(err('ERR need numeric height'));
    expect(h.run(...at, 'BYBOX', '-1', '1', 'parsec')).toBe(
      err('ERR height or width cannot be negative'),
    );
    expect(h.run(...at, 'BYBOX', '1', '-1', 'km')).toBe(
      err('ERR height or width cannot be negative'),
    );
    expect(h.run(...at, 'BYRADIUS', '1', 'yd')).toBe(
      err('ERR unsupported unit provided. please use M, KM, FT, MI'),
    );
    expect(h.run(...at, 'BYRADIUS', '1', 'km', 'BYBOX', '1', '1', 'km')).toBe(
      err('ERR syntax error'),
    );
    expect(h.run(...at, 'BYRADIUS', '1', 'km', 'STORE', 'x')).toBe(err('ERR syntax error'));
    expect(h.run('GEOSEARCH', 'g', 'FROMMEMBER', 'nope', 'BYRADIUS', '1', 'km')).toBe(
      err('ERR could not decode requested zset member'),
    );
    // A missing key finds nothing, once the options are checked.
    expect(h.run('GEOSEARCH', 'missing', 'FROMMEMBER', 'nope', 'BYRADIUS', '1', 'km')).toBe(
      '*0\r\n',
    );
    h.run('SET', 's', 'x');
    expect(h.run('GEOSEARCH', 's', 'FROMLONLAT', '1', '2', 'BYRADIUS', '1', 'parsec')).toBe(
      err('WRONGTYPE Operation against a key holding the wrong kind of value'),
    );
  });
});
