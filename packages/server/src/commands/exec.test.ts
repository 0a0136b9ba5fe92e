// EXEC: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, CommandHarness, err, int, OK } from '../../test/command-harness.js';

const QUEUED = '+QUEUED\r\n';
const EXECABORT = err('EXECABORT Transaction discarded because of previous errors.');

describe('EXEC', () => {
  it('without MULTI is an error', () => {
    const h = new CommandHarness();
    expect(h.run('EXEC')).toBe(err('ERR EXEC without MULTI'));
  });

  it('runs every command even when some fail, each reply in its place', () => {
    const h = new CommandHarness();
    h.run('MULTI');
    h.run('SET', 'k', 'abc');
    h.run('INCR', 'k');
    h.run('APPEND', 'k', 'd');
    expect(h.run('EXEC')).toBe(
      `*3\r\n${OK}${err('ERR value is not an integer or out of range')}${int(4)}`,
    );
    expect(h.run('GET', 'k')).toBe(bulk('abcd'));
  });

  it('an empty transaction replies with an empty array', () => {
    const h = new CommandHarness();
    h.run('MULTI');
    expect(h.run('EXEC')).toBe('*0\r\n');
  });

  it('aborts with EXECABORT after an unknown command, a wrong arity or an unknown subcommand was queued', () => {
    for (const bad of [['NOPE'], ['GET'], ['CLIENT', 'NOPE']]) {
      const h = new CommandHarness();
      h.run('MULTI');
      expect(h.run('SET', 'k', 'v')).toBe(QUEUED);
      expect(h.run(...bad)).toMatch(/^-ERR /);
      expect(h.run('EXEC')).toBe(EXECABORT);
      expect(h.run('EXISTS', 'k')).toBe(int(0));
      // The transaction is over.
      expect(h.run('EXEC')).toBe(err('ERR EXEC without MULTI'));
    }
  });

  it('refused itself, it ends the transaction with the reason, in MULTI or not', () => {
    const h = new CommandHarness();
    const reason = err(
      "EXECABORT Transaction discarded because of: wrong number of arguments for 'exec' command",
    );
    expect(h.run('EXEC', 'x')).toBe(reason);
    h.run('MULTI');
    h.run('SET', 'k', 'v');
    expect(h.run('EXEC', 'x')).toBe(reason);
    expect(h.run('EXEC')).toBe(err('ERR EXEC without MULTI'));
    expect(h.run('EXISTS', 'k')).toBe(int(0));
  });

  it('refused for want of authentication, it says so after EXECABORT', () => {
    const h = new CommandHarness({ requirepass: 'pw' });
    expect(h.run('EXEC')).toBe(
      err('EXECABORT Transaction discarded because of: NOAUTH Authentication required.'),
    );
  });

  it('follows a SELECT among the queued commands, and the connection keeps it', () => {
    const h = new CommandHarness();
    h.run('MULTI');
    h.run('SET', 'k', 'zero');
    h.run('SELECT', '3');
    h.run('SET', 'k', 'three');
    expect(h.run('EXEC')).toBe(`*3\r\n${OK}${OK}${OK}`);
    expect(h.run('GET', 'k')).toBe(bulk('three'));
    h.run('SELECT', '0');
    expect(h.run('GET', 'k')).toBe(bulk('zero'));
  });

  it('sees one clock for the whole transaction', () => {
    const h = new CommandHarness();
    h.run('SET', 'k', 'v', 'PX', '100');
    h.run('MULTI');
    h.run('PTTL', 'k');
    h.run('PTTL', 'k');
    h.advance(40);
    expect(h.run('EXEC')).toBe(`*2\r\n${int(60)}${int(60)}`);
  });

  it('counts the commands it runs, not the queueing, in total_commands_processed', () => {
    const h = new CommandHarness();
    h.run('CONFIG', 'RESETSTAT');
    h.run('MULTI');
    h.run('PING');
    h.run('PING');
    h.run('EXEC');
    // MULTI, EXEC and the two PINGs it ran; then INFO itself.
    expect(h.run('INFO', 'stats')).toContain('total_commands_processed:5\r\n');
  });
});
