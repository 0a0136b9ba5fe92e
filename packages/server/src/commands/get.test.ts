// GET: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, CommandHarness, err, OK } from '../../test/command-harness.js';

describe('GET', () => {
  it('replies with the stored value as a bulk string', () => {
    const h = new CommandHarness();
    expect(h.run('SET', 'greeting', 'hello world')).toBe(OK);
    expect(h.run('GET', 'greeting')).toBe(bulk('hello world'));
  });

  it('replies with a null bulk for a missing key', () => {
    expect(new CommandHarness().run('GET', 'missing')).toBe('$-1\r\n');
  });

  it('returns binary values byte for byte', () => {
    const h = new CommandHarness();
    const value = Buffer.from([0, 255, 13, 10, 128]);
    h.run('SET', Buffer.from([1, 2, 200]), value);
    expect(h.run('GET', Buffer.from([1, 2, 200]))).toBe(`$5\r\n${value.toString('latin1')}\r\n`);
  });

  it('no longer sees a key once its deadline has passed', () => {
    const h = new CommandHarness();
    h.run('SET', 'k', 'v', 'PX', '100');
    h.advance(99);
    expect(h.run('GET', 'k')).toBe(bulk('v'));
    h.advance(1);
    expect(h.run('GET', 'k')).toBe('$-1\r\n');
    expect(h.run('DBSIZE')).toBe(':0\r\n');
  });

  it('rejects a wrong number of arguments with Redis text', () => {
    const h = new CommandHarness();
    expect(h.run('GET')).toBe(err("ERR wrong number of arguments for 'get' command"));
    expect(h.run('GET', 'a', 'b')).toBe(err("ERR wrong number of arguments for 'get' command"));
  });
});
