// HGET: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, CommandHarness, err } from '../../test/command-harness.js';

describe('HGET', () => {
  it('replies with the value, or a null bulk for an absent field or key', () => {
    const h = new CommandHarness();
    h.run('HSET', 'h', 'a', '1', '', 'empty field');
    expect(h.run('HGET', 'h', 'a')).toBe(bulk('1'));
    expect(h.run('HGET', 'h', '')).toBe(bulk('empty field'));
    expect(h.run('HGET', 'h', 'b')).toBe('$-1\r\n');
    expect(h.run('HGET', 'nokey', 'a')).toBe('$-1\r\n');
    h.run('SET', 's', 'v');
    expect(h.run('HGET', 's', 'a')).toBe(
      err('WRONGTYPE Operation against a key holding the wrong kind of value'),
    );
  });

  it('keeps binary fields and values exactly', () => {
    const h = new CommandHarness();
    const field = Buffer.from([0xff, 0x00, 0x80]);
    const value = Buffer.from([0x00, 0xfe, 0x0d, 0x0a]);
    h.run('HSET', 'h', field, value);
    expect(h.run('HGET', 'h', Buffer.from([0xff, 0x00, 0x80]))).toBe(
      `$4\r\n${value.toString('latin1')}\r\n`,
    );
    expect(h.run('HGET', 'h', Buffer.from([0xff, 0x00]))).toBe('$-1\r\n');
  });
});
