// XGROUP: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { CommandHarness, err, int, OK } from '../../test/command-harness.js';

const NO_KEY =
  'ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want to use the MKSTREAM option to create an empty stream automatically.';

describe('XGROUP', () => {
  it('CREATE needs the key unless MKSTREAM; a name is taken once', () => {
    const h = new CommandHarness();
    expect(h.run('XGROUP', 'CREATE', 's', 'g', '$')).toBe(err(NO_KEY));
    expect(h.run('XGROUP', 'CREATE', 's', 'g', '$', 'MKSTREAM')).toBe(OK);
    expect(h.run('TYPE', 's')).toBe('+stream\r\n');
    expect(h.run('XGROUP', 'CREATE', 's', 'g', '0')).toBe(
      err('BUSYGROUP Consumer Group name already exists'),
    );
    expect(h.run('XGROUP', 'CREATE', 's', 'h', '-')).toBe(
      err('ERR Invalid stream ID specified as stream command argument'),
    );
    expect(h.run('XGROUP', 'CREATE', 's', 'h', '0', 'ENTRIESREAD', '-2')).toBe(
      err('ERR value for ENTRIESREAD must be positive or -1'),
    );
    expect(h.run('XGROUP', 'CREATE', 's', 'h', '0', 'FOO')).toBe(
      err("ERR unknown subcommand or wrong number of arguments for 'CREATE'. Try XGROUP HELP."),
    );
  });

  it("reads CREATE's and SETID's options before the key, as Redis does", () => {
    const h = new CommandHarness();
    h.run('SET', 'str', 'x');
    const syntax = err(
      "ERR unknown subcommand or wrong number of arguments for 'SETID'. Try XGROUP HELP.",
    );
    // MKSTREAM is CREATE's alone: a syntax error, not the key's WRONGTYPE.
    expect(h.run('XGROUP', 'SETID', 'str', 'g', '1-0', 'MKSTREAM', 'v')).toBe(syntax);
    expect(h.run('XGROUP', 'SETID', 'str', 'g', '1-0', 'ENTRIESREAD', 'x')).toBe(
      err('ERR value is not an integer or out of range'),
    );
    expect(h.run('XGROUP', 'SETID', 'missing', 'g', '1-0', 'ENTRIESREAD', '-5')).toBe(
      err('ERR value for ENTRIESREAD must be positive or -1'),
    );
    expect(h.run('XGROUP', 'SETID', 'str', 'g', '1-0', 'ENTRIESREAD', '5')).toBe(
      err('WRONGTYPE Operation against a key holding the wrong kind of value'),
    );
  });

  it('SETID, CREATECONSUMER, DELCONSUMER and DESTROY', () => {
    const h = new CommandHarness();
    h.run('XADD', 's', '1-0', 'f', 'v');
    h.run('XGROUP', 'CREATE', 's', 'g', '0');
    expect(h.run('XGROUP', 'SETID', 's', 'nog', '0')).toBe(
      err("NOGROUP No such consumer group 'nog' for key name 's'"),
    );
    expect(h.run('XGROUP', 'SETID', 's', 'g', '$', 'ENTRIESREAD', '1')).toBe(OK);
    expect(h.run('XGROUP', 'SETID', 's', 'g', '0')).toBe(OK);
    expect(h.run('XGROUP', 'CREATECONSUMER', 's', 'g', 'c')).toBe(int(1));
    expect(h.run('XGROUP', 'CREATECONSUMER', 's', 'g', 'c')).toBe(int(0));
    h.run('XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 's', '>');
    // Its pending entries go with it.
    expect(h.run('XGROUP', 'DELCONSUMER', 's', 'g', 'c')).toBe(int(1));
    expect(h.run('XGROUP', 'DELCONSUMER', 's', 'g', 'c')).toBe(int(0));
    expect(h.run('XPENDING', 's', 'g')).toBe('*4\r\n:0\r\n$-1\r\n$-1\r\n*-1\r\n');
    expect(h.run('XGROUP', 'DESTROY', 's', 'g')).toBe(int(1));
    expect(h.run('XGROUP', 'DESTROY', 's', 'g')).toBe(int(0));
    expect(h.run('XGROUP', 'DESTROY', 'missing', 'g')).toBe(err(NO_KEY));
  });
});
