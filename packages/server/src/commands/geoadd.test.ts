// GEOADD: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, CommandHarness, err, int } from '../../test/command-harness.js';

const SYNTAX = err('ERR syntax error');

describe('GEOADD', () => {
  it('stores each point as the score of its 52-bit geohash', () => {
    const h = new CommandHarness();
    expect(
      h.run(
        'GEOADD',
        'Sicily',
        '13.361389',
        '38.115556',
        'Palermo',
        '15.087269',
        '37.502669',
        'Catania',
      ),
    ).toBe(int(2));
    expect(h.run('ZSCORE', 'Sicily', 'Palermo')).toBe(bulk('3479099956230698'));
    expect(h.run('ZSCORE', 'Sicily', 'Catania')).toBe(bulk('3479447370796909'));
    expect(h.run('TYPE', 'Sicily')).toBe('+zset\r\n');
  });

  it('takes NX, XX and CH as ZADD does', () => {
    const h = new CommandHarness();
    h.run('GEOADD', 'g', '13.361389', '38.115556', 'Palermo', '15.087269', '37.502669', 'Catania');
    // CH counts the moved Catania and the new Gela.
    expect(
      h.run(
        'GEOADD',
        'g',
        'CH',
        '13.361389',
        '38.115556',
        'Palermo',
        '15',
        '37',
        'Catania',
        '14',
        '37',
        'Gela',
      ),
    ).toBe(int(2));
    expect(h.run('GEOADD', 'g', 'XX', '1', '1', 'Nope')).toBe(int(0));
    expect(h.run('GEOADD', 'g', 'NX', '1', '1', 'Palermo')).toBe(int(0));
    expect(h.run('ZSCORE', 'g', 'Palermo')).toBe(bulk('3479099956230698'));
    expect(h.run('ZCARD', 'g')).toBe(int(3));
    expect(h.run('GEOADD', 'missing', 'XX', '1', '2', 'a')).toBe(int(0));
    expect(h.run('EXISTS', 'missing')).toBe(int(0));
  });

  it('refuses bad coordinates and options before changing anything', () => {
    const h = new CommandHarness();
    expect(h.run('GEOADD', 'g', '200', '100', 'x')).toBe(
      err('ERR invalid longitude,latitude pair 200.000000,100.000000'),
    );
    expect(h.run('GEOADD', 'g', '1', '-85.06', 'x')).toBe(
      err('ERR invalid longitude,latitude pair 1.000000,-85.060000'),
    );
    // The second point is bad: the first is not added either.
    expect(h.run('GEOADD', 'g', '1', '2', 'a', 'x', '2', 'b')).toBe(
      err('ERR value is not a valid float'),
    );
    expect(h.run('EXISTS', 'g')).toBe(int(0));
    expect(h.run('GEOADD', 'g', 'NX', 'XX', '1', '2', 'x')).toBe(SYNTAX);
    expect(h.run('GEOADD', 'g', '1', '2', 'a', '3')).toBe(SYNTAX);
    expect(h.run('GEOADD', 'g', 'CH', 'CH', 'CH')).toBe(SYNTAX);
    // GT is ZADD's, not GEOADD's: it is read as a longitude.
    expect(h.run('GEOADD', 'g', 'GT', '1', '2', 'a')).toBe(SYNTAX);
    h.run('SET', 's', 'x');
    expect(h.run('GEOADD', 's', '1', '2', 'x')).toBe(
      err('WRONGTYPE Operation against a key holding the wrong kind of value'),
    );
  });

  it('accepts the limits themselves', () => {
    const h = new CommandHarness();
    expect(
      h.run('GEOADD', 'g', '-180', '-85.05112878', 'a', '180', '85.05112878', 'b', '0', '0', 'c'),
    ).toBe(int(3));
    expect(h.run('ZSCORE', 'g', 'a')).toBe(bulk('0'));
    expect(h.run('ZSCORE', 'g', 'c')).toBe(bulk('3377699720527872'));
  });
});
