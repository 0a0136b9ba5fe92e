// SETRANGE: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, CommandHarness, err, int } from '../../test/command-harness.js';

describe('SETRANGE', () => {
  it('overwrites from the offset and replies with the new length', () => {
    const h = new CommandHarness();
    h.run('SET', 'k', 'Hello World');
    expect(h.run('SETRANGE', 'k', '6', 'Redis')).toBe(int(11));
    expect(h.run('GET', 'k')).toBe(bulk('Hello Redis'));
  });

  it('pads with zero bytes past the end, creating a missing key', () => {
    const h = new CommandHarness();
    expect(h.run('SETRANGE', 'k', '3', 'x')).toBe(int(4));
    expect(h.run('GET', 'k')).toBe(bulk('\0\0\0x'));
  });

  it('with an empty value replies with the current length and creates nothing', () => {
    const h = new CommandHarness();
    expect(h.run('SETRANGE', 'k', '5', '')).toBe(int(0));
    expect(h.run('EXISTS', 'k')).toBe(int(0));
  });

  it('rejects a negative offset and one past the maximum string size', () => {
    const h = new CommandHarness();
    expect(h.run('SETRANGE', 'k', '-1', 'x')).toBe(err('ERR offset is out of range'));
    expect(h.run('SETRANGE', 'k', '536870912', 'x')).toBe(
      err('ERR string exceeds maximum allowed size (proto-max-bulk-len)'),
    );
  });
});
