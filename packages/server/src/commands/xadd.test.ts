// XADD: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, CommandHarness, err, START } from '../../test/command-harness.js';

describe('XADD', () => {
  it('picks IDs from the clock, the last ID, or the one given', () => {
    const h = new CommandHarness();
    expect(h.run('XADD', 's', '*', 'f', 'v')).toBe(bulk(`${START}-0`));
    expect(h.run('XADD', 's', '*', 'f', 'v')).toBe(bulk(`${START}-1`));
    h.advance(5);
    expect(h.run('XADD', 's', '*', 'f', 'v')).toBe(bulk(`${START + 5}-0`));
    expect(h.run('XADD', 's', `${START + 5}-*`, 'f', 'v')).toBe(bulk(`${START + 5}-1`));
    expect(h.run('XADD', 's', `${START + 9}-*`, 'f', 'v')).toBe(bulk(`${START + 9}-0`));
    expect(h.run('XADD', 's', `${START + 9}-7`, 'f', 'v')).toBe(bulk(`${START + 9}-7`));
    expect(h.run('XADD', 's', `${START + 9}-7`, 'f', 'v')).toBe(
      err('ERR The ID specified in XADD is equal or smaller than the target stream top item'),
    );
    // The clock is behind the last ID now: the last ID's next.
    expect(h.run('XADD', 's', '*', 'f', 'v')).toBe(bulk(`${START + 9}-8`));
  });

  it('refuses 0-0, bad IDs and odd field lists before creating the key', () => {
    const h = new CommandHarness();
    expect(h.run('XADD', 's', '0-0', 'f', 'v')).toBe(
      err('ERR The ID specified in XADD must be greater than 0-0'),
    );
    expect(h.run('XADD', 's', '0', 'f', 'v')).toBe(
      err('ERR The ID specified in XADD must be greater than 0-0'),
    );
    expect(h.run('XADD', 's', 'x', 'f', 'v')).toBe(
      err('ERR Invalid stream ID specified as stream command argument'),
    );
    expect(h.run('XADD', 's', '1-0', 'f', 'v', 'g')).toBe(
      err("ERR wrong number of arguments for 'xadd' command"),
    );
    expect(h.run('EXISTS', 's')).toBe(':0\r\n');
    expect(h.run('XADD', 's', '0-*', 'f', 'v')).toBe(bulk('0-1'));
  });

  it('NOMKSTREAM replies null for a missing key; trims after adding', () => {
    const h = new CommandHarness();
    expect(h.run('XADD', 's', 'NOMKSTREAM', '1-0', 'f', 'v')).toBe('$-1\r\n');
    for (let i = 1; i <= 5; i++) h.run('XADD', 's', `${i}-0`, 'f', 'v');
    expect(h.run('XADD', 's', 'MAXLEN', '2', '6-0', 'f', 'v')).toBe(bulk('6-0'));
    expect(h.run('XLEN', 's')).toBe(':2\r\n');
    expect(h.run('XADD', 's', 'MINID', '=', '6-0', '7-0', 'f', 'v')).toBe(bulk('7-0'));
    expect(h.run('XLEN', 's')).toBe(':2\r\n');
    expect(h.run('XADD', 's', 'MAXLEN', '1', 'MINID', '1', '8-0', 'f', 'v')).toBe(
      err('ERR syntax error, MAXLEN and MINID options at the same time are not compatible'),
    );
    expect(h.run('XADD', 's', 'MAXLEN', '1', 'LIMIT', '5', '8-0', 'f', 'v')).toBe(
      err('ERR syntax error, LIMIT cannot be used without the special ~ option'),
    );
    expect(h.run('XADD', 's', 'MAXLEN', '-1', '8-0', 'f', 'v')).toBe(
      err('ERR The MAXLEN argument must be >= 0.'),
    );
  });

  it('stops at the last possible ID; WRONGTYPE on another type', () => {
    const h = new CommandHarness();
    const max = '18446744073709551615';
    expect(h.run('XADD', 's', `${max}-${max}`, 'f', 'v')).toBe(bulk(`${max}-${max}`));
    expect(h.run('XADD', 's', '*', 'f', 'v')).toBe(
      err('ERR The stream has exhausted the last possible ID, unable to add more items'),
    );
    h.run('SET', 'k', 'v');
    expect(h.run('XADD', 'k', '*', 'f', 'v')).toBe(
      err('WRONGTYPE Operation against a key holding the wrong kind of value'),
    );
  });
});
