// PFADD: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, CommandHarness, err, int } from '../../test/command-harness.js';

describe('PFADD', () => {
  it('replies 1 when a register rose or the key was created, else 0', () => {
    const h = new CommandHarness();
    expect(h.run('PFADD', 'h', 'a', 'b', 'c')).toBe(int(1));
    expect(h.run('PFADD', 'h', 'a')).toBe(int(0));
    expect(h.run('PFADD', 'h')).toBe(int(0));
    expect(h.run('PFADD', 'new')).toBe(int(1));
    expect(h.run('TYPE', 'h')).toBe('+string\r\n');
    expect(h.run('OBJECT', 'ENCODING', 'h')).toBe(bulk('raw'));
  });

  it('keeps the sketch as a string: the bytes redis-server holds', () => {
    const h = new CommandHarness();
    h.run('PFADD', 'h', 'a');
    const expected = Buffer.from('48594c4c01000000000000000000008071a6844e57', 'hex');
    expect(h.run('GET', 'h')).toBe(`$21\r\n${expected.toString('latin1')}\r\n`);
  });

  it("keeps the key's deadline", () => {
    const h = new CommandHarness();
    h.run('PFADD', 't', 'a');
    h.run('EXPIRE', 't', '100');
    expect(h.run('PFADD', 't', 'b', 'c', 'd')).toBe(int(1));
    expect(h.run('TTL', 't')).toBe(int(100));
  });

  it('refuses other strings and types', () => {
    const h = new CommandHarness();
    h.run('SET', 'k', 'not a sketch');
    expect(h.run('PFADD', 'k', 'a')).toBe(
      err('WRONGTYPE Key is not a valid HyperLogLog string value.'),
    );
    h.run('LPUSH', 'l', 'a');
    expect(h.run('PFADD', 'l', 'a')).toBe(
      err('WRONGTYPE Operation against a key holding the wrong kind of value'),
    );
  });
});
