// LCS: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, CommandHarness, err, int, OK } from '../../test/command-harness.js';

describe('LCS', () => {
  it('replies with the subsequence, its length, or the matching ranges last first', () => {
    const h = new CommandHarness();
    h.run('MSET', 'a', 'ohmytext', 'b', 'mynewtext');
    expect(h.run('LCS', 'a', 'b')).toBe(bulk('mytext'));
    expect(h.run('LCS', 'a', 'b', 'LEN')).toBe(int(6));
    expect(h.run('LCS', 'a', 'b', 'IDX', 'MINMATCHLEN', '4', 'WITHMATCHLEN')).toBe(
      `*4\r\n${bulk('matches')}*1\r\n*3\r\n*2\r\n${int(4)}${int(7)}*2\r\n${int(5)}${int(8)}${int(4)}${bulk('len')}${int(6)}`,
    );
    expect(h.run('LCS', 'a', 'none')).toBe(bulk(''));
  });

  it('refuses a table larger than proto-max-bulk-len, as Redis does', () => {
    const h = new CommandHarness();
    expect(h.run('CONFIG', 'SET', 'proto-max-bulk-len', '1mb')).toBe(OK);
    // 601 * 601 * 4 bytes: 1,444,804, over 1 MiB.
    h.run('MSET', 'a', 'a'.repeat(600), 'b', 'b'.repeat(600));
    expect(h.run('LCS', 'a', 'b', 'LEN')).toBe(
      err('ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len'),
    );
    h.run('SET', 'b', 'b'.repeat(400));
    expect(h.run('LCS', 'a', 'b', 'LEN')).toBe(int(0));
  });

  it('refuses LEN with IDX, and unknown options', () => {
    const h = new CommandHarness();
    expect(h.run('LCS', 'a', 'b', 'IDX', 'LEN')).toBe(
      err('ERR If you want both the length and indexes, please just use IDX.'),
    );
    expect(h.run('LCS', 'a', 'b', 'MINMATCHLEN')).toBe(err('ERR syntax error'));
  });
});
