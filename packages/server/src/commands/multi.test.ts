// MULTI: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, CommandHarness, err, int, OK } from '../../test/command-harness.js';

const QUEUED = '+QUEUED\r\n';

describe('MULTI', () => {
  it('queues commands until EXEC, which runs them in order', () => {
    const h = new CommandHarness();
    expect(h.run('MULTI')).toBe(OK);
    expect(h.run('SET', 'k', '1')).toBe(QUEUED);
    expect(h.run('INCR', 'k')).toBe(QUEUED);
    // Nothing has run yet, for this connection or any other.
    expect(h.connect().run('GET', 'k')).toBe(bulk(null));
    expect(h.run('EXEC')).toBe(`*2\r\n${OK}${int(2)}`);
    expect(h.run('GET', 'k')).toBe(bulk('2'));
  });

  it('refuses to nest, without harming the open transaction', () => {
    const h = new CommandHarness();
    h.run('MULTI');
    expect(h.run('MULTI')).toBe(err('ERR MULTI calls can not be nested'));
    expect(h.run('SET', 'k', 'v')).toBe(QUEUED);
    expect(h.run('EXEC')).toBe(`*1\r\n${OK}`);
  });

  it('shows in CLIENT LIST: flag x and the number of commands queued', () => {
    const h = new CommandHarness();
    const other = h.connect();
    expect(other.run('CLIENT', 'LIST', 'ID', '1')).toContain(
      ' flags=N db=0 sub=0 psub=0 ssub=0 multi=-1 ',
    );
    h.run('MULTI');
    h.run('SET', 'k', 'v');
    h.run('GET', 'k');
    expect(other.run('CLIENT', 'LIST', 'ID', '1')).toContain(
      ' flags=x db=0 sub=0 psub=0 ssub=0 multi=2 ',
    );
    h.run('EXEC');
    expect(other.run('CLIENT', 'LIST', 'ID', '1')).toContain(
      ' flags=N db=0 sub=0 psub=0 ssub=0 multi=-1 ',
    );
  });

  it('bounds the queue by client-query-buffer-limit: past it, the command is refused and EXEC aborts', () => {
    const h = new CommandHarness();
    expect(h.run('CONFIG', 'SET', 'client-query-buffer-limit', '1mb')).toBe(OK);
    const big = 'x'.repeat(600 * 1024);
    h.run('MULTI');
    expect(h.run('SET', 'a', big)).toBe(QUEUED);
    expect(h.run('SET', 'b', big)).toBe(
      err(
        'ERR the commands queued in this transaction exceed client-query-buffer-limit (1048576 bytes): EXEC will discard it',
      ),
    );
    // Doomed: later commands are answered but not kept, and none runs.
    expect(h.run('SET', 'c', 'small')).toBe(QUEUED);
    expect(h.run('EXEC')).toBe(err('EXECABORT Transaction discarded because of previous errors.'));
    expect(h.run('EXISTS', 'a', 'b', 'c')).toBe(int(0));
    // The connection goes on, with a fresh transaction possible.
    h.run('MULTI');
    expect(h.run('SET', 'a', big)).toBe(QUEUED);
    expect(h.run('EXEC')).toBe(`*1\r\n${OK}`);
    expect(h.run('STRLEN', 'a')).toBe(int(big.length));
  });

  it('keeps its own copy of each queued argument', () => {
    const h = new CommandHarness();
    h.run('MULTI');
    h.run('SET', 'first', 'value-one');
    // The harness's decoder reuses its argument views for every command.
    h.run('SET', 'second', 'value-two');
    expect(h.run('EXEC')).toBe(`*2\r\n${OK}${OK}`);
    expect(h.run('MGET', 'first', 'second')).toBe(`*2\r\n${bulk('value-one')}${bulk('value-two')}`);
  });
});
