// CONFIG: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, CommandHarness, err, OK } from '../../test/command-harness.js';

describe('CONFIG', () => {
  it('GET replies with matching settings as pairs, a map in RESP3', () => {
    const h = new CommandHarness();
    expect(h.run('CONFIG', 'GET', 'timeout')).toBe(`*2\r\n${bulk('timeout')}${bulk('0')}`);
    expect(h.run('CONFIG', 'GET', 'nonexistent')).toBe('*0\r\n');
    // As redis-server 7.0: a plain name comes back as it was asked for,
    // and a setting asked for twice is listed once.
    expect(h.run('CONFIG', 'GET', 'TimeOut', 'timeout', 'time*')).toBe(
      `*2\r\n${bulk('TimeOut')}${bulk('0')}`,
    );
    expect(h.run('CONFIG', 'GET', 'maxc*')).toBe(`*2\r\n${bulk('maxclients')}${bulk('10000')}`);
    h.run('HELLO', '3');
    expect(h.run('CONFIG', 'GET', 'save', 'appendonly')).toBe(
      `%2\r\n${bulk('save')}${bulk('')}${bulk('appendonly')}${bulk('no')}`,
    );
  });

  it('SET changes mutable settings, all or nothing', () => {
    const h = new CommandHarness();
    expect(h.run('CONFIG', 'SET', 'timeout', '30', 'maxclients', '50')).toBe(OK);
    expect(h.server.config.timeout).toBe(30);
    expect(h.server.config.maxclients).toBe(50);
    expect(h.run('CONFIG', 'SET', 'timeout', '5', 'maxclients', 'many')).toBe(
      err(
        "ERR CONFIG SET failed (possibly related to argument 'maxclients') - argument couldn't be parsed into an integer",
      ),
    );
    expect(h.server.config.timeout).toBe(30);
  });

  it('SET refuses appendonly yes, there being no append-only file here', () => {
    const h = new CommandHarness();
    expect(h.run('CONFIG', 'SET', 'appendonly', 'yes', 'timeout', '7')).toBe(
      err(
        "ERR CONFIG SET failed (possibly related to argument 'appendonly') - this server writes no append-only file; it persists with RDB snapshots (save points, SAVE, BGSAVE)",
      ),
    );
    // All or nothing: the other setting is not changed either.
    expect(h.server.config.timeout).toBe(0);
    expect(h.run('CONFIG', 'SET', 'appendonly', 'maybe')).toBe(
      err(
        "ERR CONFIG SET failed (possibly related to argument 'appendonly') - argument must be 'yes' or 'no'",
      ),
    );
    expect(h.run('CONFIG', 'SET', 'appendonly', 'NO')).toBe(OK);
    expect(h.run('CONFIG', 'GET', 'appendonly')).toBe(`*2\r\n${bulk('appendonly')}${bulk('no')}`);
  });

  it('SET requires a password from then on when requirepass is set', () => {
    const h = new CommandHarness();
    expect(h.run('CONFIG', 'SET', 'requirepass', 'secret')).toBe(OK);
    expect(h.connect().run('GET', 'k')).toBe(err('NOAUTH Authentication required.'));
  });

  it('SET rejects unknown and immutable settings with Redis texts', () => {
    const h = new CommandHarness();
    expect(h.run('CONFIG', 'SET', 'foo', 'bar')).toBe(
      err("ERR Unknown option or number of arguments for CONFIG SET - 'foo'"),
    );
    expect(h.run('CONFIG', 'SET', 'unixsocket', '/tmp/s')).toBe(
      err(
        "ERR CONFIG SET failed (possibly related to argument 'unixsocket') - can't set immutable config",
      ),
    );
    expect(h.run('CONFIG', 'SET', 'timeout')).toBe(
      err("ERR wrong number of arguments for 'config|set' command"),
    );
    // As redis-server 7.0: a problem with a name quotes the argument, a
    // problem with a value the setting's own name.
    expect(h.run('CONFIG', 'SET', 'Databases', '3')).toBe(
      err(
        "ERR CONFIG SET failed (possibly related to argument 'Databases') - can't set immutable config",
      ),
    );
    expect(h.run('CONFIG', 'SET', 'timeout', '1', 'TIMEOUT', '2')).toBe(
      err("ERR CONFIG SET failed (possibly related to argument 'TIMEOUT') - duplicate parameter"),
    );
    expect(h.run('CONFIG', 'SET', 'TIMEOUT', 'x')).toBe(
      err(
        "ERR CONFIG SET failed (possibly related to argument 'timeout') - argument couldn't be parsed into an integer",
      ),
    );
    expect(h.run('CONFIG', 'GET')).toBe(
      err("ERR wrong number of arguments for 'config|get' command"),
    );
  });

  it('RESETSTAT zeroes the counters INFO reports', () => {
    const h = new CommandHarness();
    h.run('PING');
    expect(h.run('CONFIG', 'RESETSTAT')).toBe(OK);
    expect(h.run('INFO', 'stats')).toContain('total_commands_processed:1\r\n');
  });

  it('replies unknown subcommand with Redis text', () => {
    expect(new CommandHarness().run('CONFIG', 'foo')).toBe(
      err("ERR unknown subcommand 'foo'. Try CONFIG HELP."),
    );
  });
});
