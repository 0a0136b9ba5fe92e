// GEORADIUSBYMEMBER_RO: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulks, err } from '../../test/command-harness.js';
import { sicily } from '../../test/geo-fixture.js';

describe('GEORADIUSBYMEMBER_RO', () => {
  it('searches as GEORADIUSBYMEMBER does, without STORE or STOREDIST', () => {
    const h = sicily();
    expect(h.run('GEORADIUSBYMEMBER_RO', 'g', 'Gela', '100', 'km')).toBe(bulks('Gela', 'Catania'));
    expect(h.run('GEORADIUSBYMEMBER_RO', 'g', 'Gela', '100', 'km', 'STORE', 'd')).toBe(
      err('ERR syntax error'),
    );
  });
});
