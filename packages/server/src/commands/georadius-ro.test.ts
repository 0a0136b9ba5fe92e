// GEORADIUS_RO: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulks, err } from '../../test/command-harness.js';
import { sicily } from '../../test/geo-fixture.js';

describe('GEORADIUS_RO', () => {
  it('searches as GEORADIUS does, without STORE or STOREDIST', () => {
    const h = sicily();
    expect(h.run('GEORADIUS_RO', 'g', '14', '37.5', '120', 'km', 'DESC')).toBe(
      bulks('Catania', 'Palermo', 'Gela'),
    );
    expect(h.run('GEORADIUS_RO', 'g', '14', '37.5', '120', 'km', 'STORE', 'd')).toBe(
      err('ERR syntax error'),
    );
    expect(h.run('GEORADIUS_RO', 'g', '14', '37.5', '120', 'km', 'STOREDIST', 'd')).toBe(
      err('ERR syntax error'),
    );
  });
});
