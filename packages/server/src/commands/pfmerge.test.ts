// PFMERGE: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { CommandHarness, err, int, OK } from '../../test/command-harness.js';

describe('PFMERGE', () => {
  it('merges the sources into the destination, which counts as one of them', () => {
    const h = new CommandHarness();
    h.run('PFADD', 'm1', 'a', 'b');
    h.run('PFADD', 'm2', 'b', 'c', 'd');
    expect(h.run('PFMERGE', 'dst', 'm1', 'm2', 'missing')).toBe(OK);
    expect(h.run('PFCOUNT', 'dst')).toBe(int(4));
    h.run('PFADD', 'm3', 'e');
    expect(h.run('PFMERGE', 'dst', 'm3')).toBe(OK);
    expect(h.run('PFCOUNT', 'dst')).toBe(int(5));
    expect(h.run('PFDEBUG', 'ENCODING', 'dst')).toBe('+sparse\r\n');
  });

  it('makes the destination dense when a source is', () => {
    const h = new CommandHarness();
    h.run('PFADD', 'm1', 'a');
    h.run('PFDEBUG', 'TODENSE', 'm1');
    expect(h.run('PFMERGE', 'dst', 'm1')).toBe(OK);
    expect(h.run('PFDEBUG', 'ENCODING', 'dst')).toBe('+dense\r\n');
    expect(h.run('STRLEN', 'dst')).toBe(int(12304));
  });

  it('creates an empty sketch with no sources, and refuses non-sketches', () => {
    const h = new CommandHarness();
    expect(h.run('PFMERGE', 'empty')).toBe(OK);
    expect(h.run('PFCOUNT', 'empty')).toBe(int(0));
    h.run('SET', 's', 'x');
    expect(h.run('PFMERGE', 'dst', 's')).toBe(
      err('WRONGTYPE Key is not a valid HyperLogLog string value.'),
    );
    expect(h.run('PFMERGE', 's', 'empty')).toBe(
      err('WRONGTYPE Key is not a valid HyperLogLog string value.'),
    );
  });
});
