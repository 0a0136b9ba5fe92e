// PFDEBUG: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, CommandHarness, err, int } from '../../test/command-harness.js';

describe('PFDEBUG', () => {
  it('decodes, reports and converts the encoding', () => {
    const h = new CommandHarness();
    h.run('PFADD', 'h', 'a');
    expect(h.run('PFDEBUG', 'DECODE', 'h')).toBe(bulk('Z:12711 v:2,1 Z:3672'));
    expect(h.run('PFDEBUG', 'ENCODING', 'h')).toBe('+sparse\r\n');
    expect(h.run('PFDEBUG', 'todense', 'h')).toBe(int(1));
    expect(h.run('PFDEBUG', 'TODENSE', 'h')).toBe(int(0));
    expect(h.run('PFDEBUG', 'ENCODING', 'h')).toBe('+dense\r\n');
    expect(h.run('PFDEBUG', 'DECODE', 'h')).toBe(err('ERR HLL encoding is not sparse'));
    expect(h.run('PFCOUNT', 'h')).toBe(int(1));
  });

  it('lists every register', () => {
    const h = new CommandHarness();
    h.run('PFADD', 'h', 'a');
    const reply = h.run('PFDEBUG', 'GETREG', 'h');
    const registers = reply.split('\r\n').slice(1, -1);
    expect(registers).toHaveLength(16384);
    expect(registers[12711]).toBe(':2');
    expect(registers.filter((register) => register !== ':0')).toEqual([':2']);
  });

  it('looks the key up before the subcommand', () => {
    const h = new CommandHarness();
    expect(h.run('PFDEBUG', 'NOPE', 'missing')).toBe(err('ERR The specified key does not exist'));
    h.run('PFADD', 'h', 'a');
    expect(h.run('PFDEBUG', 'Nope', 'h')).toBe(err("ERR Unknown PFDEBUG subcommand 'Nope'"));
  });
});
