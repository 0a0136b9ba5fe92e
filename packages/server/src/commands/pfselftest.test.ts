// PFSELFTEST: the HyperLogLog self-test passes on this implementation,
// with the default hll-sparse-max-bytes and with a small one (the sparse
// sketch then turns dense early, and the checks still hold); the keyspace
// is left alone.
import { describe, expect, it } from 'vitest';
import { CommandHarness, err, int, OK } from '../../test/command-harness.js';

describe('PFSELFTEST', () => {
  it('passes, with any sparse limit, and touches no key', () => {
    const h = new CommandHarness();
    h.run('PFADD', 'h', 'a');
    expect(h.run('PFSELFTEST')).toBe(OK);
    expect(h.run('CONFIG', 'SET', 'hll-sparse-max-bytes', '100')).toBe(OK);
    expect(h.run('PFSELFTEST')).toBe(OK);
    expect(h.run('DBSIZE')).toBe(int(1));
    expect(h.run('PFCOUNT', 'h')).toBe(int(1));
    expect(h.run('PFSELFTEST', 'x')).toBe(
      err("ERR wrong number of arguments for 'pfselftest' command"),
    );
  }, 120_000);
});
