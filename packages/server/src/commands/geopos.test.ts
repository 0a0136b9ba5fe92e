// GEOPOS: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { array, bulks, CommandHarness, err } from '../../test/command-harness.js';
import { GELA_POINT, PALERMO_POINT, sicily } from '../../test/geo-fixture.js';

describe('GEOPOS', () => {
  it("replies each member's cell center, with 17 decimals at most", () => {
    const h = sicily();
    expect(h.run('GEOPOS', 'g', 'Palermo', 'nope', 'Gela')).toBe(
      array(PALERMO_POINT, '*-1\r\n', GELA_POINT),
    );
    expect(h.run('GEOPOS', 'missing', 'a')).toBe(array('*-1\r\n'));
  });

  it('trims trailing zeros, and sends doubles and nulls in RESP3', () => {
    const h = new CommandHarness();
    h.run('GEOADD', 'g', '-180', '-85.05112878', 'a', '180', '85.05112878', 'b');
    expect(h.run('GEOPOS', 'g', 'b')).toBe(array(bulks('180', '85.0511287799999991')));
    h.client.run('HELLO', '3');
    expect(h.run('GEOPOS', 'g', 'a', 'nope')).toBe(
      array('*2\r\n,-179.99999731779098511\r\n,-85.05112751263942528\r\n', '_\r\n'),
    );
    h.run('SET', 's', 'x');
    expect(h.run('GEOPOS', 's', 'a')).toBe(
      err('WRONGTYPE Operation against a key holding the wrong kind of value'),
    );
  });
});
