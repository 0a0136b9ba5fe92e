// GEORADIUSBYMEMBER: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { array, bulks, CommandHarness, err, int } from '../../test/command-harness.js';
import { sicily } from '../../test/geo-fixture.js';

describe('GEORADIUSBYMEMBER', () => {
  it("searches around a member's point", () => {
    const h = sicily();
    expect(h.run('GEORADIUSBYMEMBER', 'g', 'Gela', '140', 'km', 'DESC')).toBe(
      bulks('Palermo', 'Catania', 'Gela'),
    );
    expect(h.run('GEORADIUSBYMEMBER', 'g', 'Gela', '100', 'km', 'ASC', 'WITHDIST')).toBe(
      array(bulks('Gela', '0.0000'), bulks('Catania', '88.8286')),
    );
    expect(h.run('GEORADIUSBYMEMBER', 'g', 'Gela', '100', 'km', 'STORE', 'd')).toBe(int(2));
    expect(h.run('GEORADIUSBYMEMBER', 'g', 'nope', '100', 'km')).toBe(
      err('ERR could not decode requested zset member'),
    );
  });

  it('checks only the options when the key is missing', () => {
    const h = new CommandHarness();
    // The radius and unit are not read: there is no member to search around.
    expect(h.run('GEORADIUSBYMEMBER', 'missing', 'x', '-5', 'parsec')).toBe('*0\r\n');
    h.run('SET', 'd', 'x');
    expect(h.run('GEORADIUSBYMEMBER', 'missing', 'x', '-5', 'parsec', 'STORE', 'd')).toBe(int(0));
    expect(h.run('EXISTS', 'd')).toBe(int(0));
    expect(h.run('GEORADIUSBYMEMBER', 'missing', 'x', '1', 'km', 'NOPE')).toBe(
      err('ERR syntax error'),
    );
  });
});
