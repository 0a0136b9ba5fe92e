// TOUCH: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { CommandHarness, err, int } from '../../test/command-harness.js';

describe('TOUCH', () => {
  it('counts the existing keys, each as often as it is named, expired ones not', () => {
    const h = new CommandHarness();
    h.run('SET', 'a', '1');
    h.run('SET', 'gone', '1', 'PX', '10');
    h.advance(10);
    expect(h.run('TOUCH', 'a', 'a', 'gone', 'none')).toBe(int(2));
    expect(h.run('TOUCH')).toBe(err("ERR wrong number of arguments for 'touch' command"));
  });
});
