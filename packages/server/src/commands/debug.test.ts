// DEBUG: unit tests against the server's state (the differential suite
// compares it with redis-server); here what only this server does.
import { describe, expect, it } from 'vitest';
import { bulks, CommandHarness, err, OK } from '../../test/command-harness.js';

const NOT_ALLOWED = err(
  'ERR DEBUG command not allowed. If the enable-debug-command option is set to "local", you can run it from a local connection, otherwise you need to set this option in the configuration file, and then restart the server.',
);

describe('DEBUG', () => {
  it('is refused unless enable-debug-command allows the client; local allows loopback', () => {
    expect(new CommandHarness().run('DEBUG', 'DIGEST')).toBe(NOT_ALLOWED);
    // The harness's clients come from 127.0.0.1.
    expect(new CommandHarness({ enableDebugCommand: 'local' }).run('DEBUG', 'LOG', 'x')).toBe(OK);
    expect(new CommandHarness({ enableDebugCommand: 'yes' }).run('DEBUG', 'LOG', 'x')).toBe(OK);
  });

  it("lists the subcommands it has in HELP, and says why it refuses Redis's others", () => {
    const h = new CommandHarness({ enableDebugCommand: 'yes' });
    const help = h.run('DEBUG', 'HELP');
    expect(
      help.startsWith('*42\r\n+DEBUG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n'),
    ).toBe(true);
    expect(help).toContain('+SLEEP <seconds>\r\n');
    expect(help).not.toContain('SEGFAULT');
    expect(help.endsWith('+HELP\r\n+    Prints this help.\r\n')).toBe(true);
    expect(h.run('DEBUG', 'SEGFAULT')).toBe(
      err('ERR DEBUG SEGFAULT is not supported by this server: it crashes the server'),
    );
    expect(h.run('DEBUG', 'loadaof')).toBe(
      err(
        'ERR DEBUG LOADAOF is not supported by this server: it needs an append-only file, which this server does not write',
      ),
    );
    expect(h.run('DEBUG', 'JMAP')).toBe(
      err("ERR unknown subcommand or wrong number of arguments for 'JMAP'. Try DEBUG HELP."),
    );
  });

  it('reloads through an in-memory snapshot without a dir', () => {
    const h = new CommandHarness({ enableDebugCommand: 'yes' });
    h.run('MSET', 'a', '1', 'b', '2');
    h.run('RPUSH', 'list', 'x', 'y');
    h.run('SET', 'soon', 'v', 'EX', '100');
    h.run(
      'FUNCTION',
      'LOAD',
      "#!lua name=lib\nredis.register_function('f', function() return 7 end)",
    );
    const digest = h.run('DEBUG', 'DIGEST');
    expect(h.run('DEBUG', 'RELOAD')).toBe(OK);
    expect(h.run('DEBUG', 'DIGEST')).toBe(digest);
    expect(h.run('FCALL', 'f', '0')).toBe(':7\r\n');
    expect(h.run('TTL', 'soon')).toBe(':100\r\n');
    // NOSAVE needs the file of a server with a dir.
    expect(h.run('DEBUG', 'RELOAD', 'NOSAVE')).toBe(
      err('ERR DEBUG RELOAD NOSAVE loads the RDB file, and this server was started without a dir'),
    );
  });

  it('refuses a reload without flush that meets existing keys, unless MERGE', () => {
    const h = new CommandHarness({ enableDebugCommand: 'yes' });
    h.run('SET', 'a', '1');
    expect(h.run('DEBUG', 'RELOAD', 'NOFLUSH')).toBe(
      err("ERR DEBUG RELOAD NOFLUSH: key 'a' of database 0 already exists (MERGE replaces it)"),
    );
    h.run('SET', 'b', '2');
    expect(h.run('DEBUG', 'RELOAD', 'NOFLUSH', 'MERGE')).toBe(OK);
    expect(h.run('MGET', 'a', 'b')).toBe(bulks('1', '2'));
  });

  it('refuses POPULATE past its bounds', () => {
    const h = new CommandHarness({ enableDebugCommand: 'yes' });
    expect(h.run('DEBUG', 'POPULATE', '10000001')).toBe(
      err('ERR DEBUG POPULATE creates at most 10000000 keys at once on this server'),
    );
    expect(h.run('DEBUG', 'POPULATE', '1', 'k', '600000000')).toBe(
      err('ERR DEBUG POPULATE size is limited to proto-max-bulk-len (536870912) on this server'),
    );
    expect(h.run('DEBUG', 'POPULATE', '3000', 'k', '536870912')).toBe(
      err('ERR DEBUG POPULATE creates at most 1073741824 bytes of values at once on this server'),
    );
    expect(h.run('DBSIZE')).toBe(':0\r\n');
  });
});
