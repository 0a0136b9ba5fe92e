// BITFIELD: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { CommandHarness, err, int } from '../../test/command-harness.js';

describe('BITFIELD', () => {
  it('sets, increments and gets fields, one reply each, growing the string', () => {
    const h = new CommandHarness();
    expect(
      h.run(
        'BITFIELD',
        'k',
        'SET',
        'u8',
        '#1',
        '200',
        'INCRBY',
        'i5',
        '100',
        '3',
        'GET',
        'u8',
        '8',
      ),
    ).toBe(`*3\r\n${int(0)}${int(3)}${int(200)}`);
    // Up to bit 104, the last of the i5 at 100: 14 bytes.
    expect(h.run('STRLEN', 'k')).toBe(int(14));
  });

  it('applies OVERFLOW to the operations after it; FAIL replies null and writes nothing', () => {
    const h = new CommandHarness();
    expect(
      h.run(
        'BITFIELD',
        'k',
        'INCRBY',
        'u2',
        '0',
        '5',
        'OVERFLOW',
        'SAT',
        'INCRBY',
        'u2',
        '0',
        '5',
        'OVERFLOW',
        'FAIL',
        'INCRBY',
        'u2',
        '0',
        '1',
        'GET',
        'u2',
        '0',
      ),
    ).toBe(`*4\r\n${int(1)}${int(3)}$-1\r\n${int(3)}`);
  });

  it('checks every argument before anything runs', () => {
    const h = new CommandHarness();
    expect(h.run('BITFIELD', 'k', 'SET', 'u8', '0', '1', 'GET', 'u64', '0')).toBe(
      err(
        'ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.',
      ),
    );
    expect(h.run('BITFIELD', 'k', 'SET', 'u8', '0', '1', 'OVERFLOW', 'nope')).toBe(
      err('ERR Invalid OVERFLOW type specified'),
    );
    expect(h.run('BITFIELD', 'k', 'GET', 'u8', '#-1')).toBe(
      err('ERR bit offset is not an integer or out of range'),
    );
    expect(h.run('BITFIELD', 'k', 'GET', 'u8')).toBe(err('ERR syntax error'));
    expect(h.run('EXISTS', 'k')).toBe(int(0));
  });

  it('reads a missing key as zeros without creating it', () => {
    const h = new CommandHarness();
    expect(h.run('BITFIELD', 'none', 'GET', 'i8', '0')).toBe(`*1\r\n${int(0)}`);
    expect(h.run('BITFIELD', 'none')).toBe('*0\r\n');
    expect(h.run('EXISTS', 'none')).toBe(int(0));
  });
});

describe('BITFIELD_RO', () => {
  it('runs GET only, refusing SET and INCRBY once every argument was checked', () => {
    const h = new CommandHarness();
    h.run('SET', 'k', 'a');
    expect(h.run('BITFIELD_RO', 'k', 'GET', 'u8', '0')).toBe(`*1\r\n${int(97)}`);
    expect(h.run('BITFIELD_RO', 'k', 'SET', 'u8', '0', '1')).toBe(
      err('ERR BITFIELD_RO only supports the GET subcommand'),
    );
    expect(h.run('BITFIELD_RO', 'k', 'SET', 'u8', '0', 'x')).toBe(
      err('ERR value is not an integer or out of range'),
    );
  });
});
