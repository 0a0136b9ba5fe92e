// XSETID: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, CommandHarness, err, OK, START } from '../../test/command-harness.js';

describe('XSETID', () => {
  it('moves the last ID forward, not below the last entry', () => {
    const h = new CommandHarness();
    h.run('XADD', 's', '5-0', 'f', 'v');
    expect(h.run('XSETID', 's', '4-0')).toBe(
      err('ERR The ID specified in XSETID is smaller than the target stream top item'),
    );
    // Past the clock: XADD * continues from it.
    expect(h.run('XSETID', 's', `${START + 1000}-0`)).toBe(OK);
    expect(h.run('XADD', 's', '*', 'f', 'v')).toBe(bulk(`${START + 1000}-1`));
  });

  it('sets the counters, with Redis checks', () => {
    const h = new CommandHarness();
    h.run('XADD', 's', '5-0', 'f', 'v');
    expect(h.run('XSETID', 's', '9-0', 'ENTRIESADDED', '0')).toBe(
      err('ERR The entries_added specified in XSETID is smaller than the target stream length'),
    );
    expect(h.run('XSETID', 's', '9-0', 'MAXDELETEDID', '10-0')).toBe(
      err('ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id'),
    );
    expect(h.run('XSETID', 's', '9-0', 'ENTRIESADDED', '-1')).toBe(
      err('ERR entries_added must be positive'),
    );
    expect(h.run('XSETID', 's', '9-0', 'ENTRIESADDED', '7', 'MAXDELETEDID', '3-0')).toBe(OK);
    expect(h.run('XSETID', 'missing', '1-0')).toBe(err('ERR no such key'));
  });
});
