// CLIENT: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, CommandHarness, err, int, OK } from '../../test/command-harness.js';

// The lines of a CLIENT LIST / CLIENT INFO verbatim reply, as field maps.
function clients(reply: string): Map<string, string>[] {
  const match = /^\$(\d+)\r\n([\s\S]*)\r\n$/.exec(reply);
  expect(match).not.toBeNull();
  expect(Buffer.byteLength(match![2]!)).toBe(Number(match![1]));
  return match![2]!
    .split('\n')
    .filter((line) => line !== '')
    .map(
      (line) => new Map(line.split(' ').map((field) => field.split('=', 2) as [string, string])),
    );
}

describe('CLIENT', () => {
  it('ID replies with the connection id, increasing per connection', () => {
    const h = new CommandHarness();
    expect(h.run('CLIENT', 'ID')).toBe(int(1));
    expect(h.connect().run('client', 'id')).toBe(int(2));
    expect(h.run('CLIENT', 'ID', 'x')).toBe(
      err("ERR wrong number of arguments for 'client|id' command"),
    );
  });

  it('SETNAME and GETNAME set and read the name; an empty name clears it', () => {
    const h = new CommandHarness();
    expect(h.run('CLIENT', 'GETNAME')).toBe('$-1\r\n');
    expect(h.run('CLIENT', 'SETNAME', 'worker')).toBe(OK);
    expect(h.run('CLIENT', 'GETNAME')).toBe(bulk('worker'));
    expect(h.run('CLIENT', 'SETNAME', '')).toBe(OK);
    expect(h.run('CLIENT', 'GETNAME')).toBe('$-1\r\n');
    expect(h.run('CLIENT', 'SETNAME', 'a b')).toBe(
      err('ERR Client names cannot contain spaces, newlines or special characters.'),
    );
  });

  it('SETINFO records the library name and version', () => {
    const h = new CommandHarness();
    expect(h.run('CLIENT', 'SETINFO', 'LIB-NAME', 'ioredis')).toBe(OK);
    expect(h.run('CLIENT', 'SETINFO', 'lib-ver', '6.0.0')).toBe(OK);
    const [me] = clients(h.run('CLIENT', 'INFO'));
    expect(me!.get('lib-name')).toBe('ioredis');
    expect(me!.get('lib-ver')).toBe('6.0.0');
    expect(h.run('CLIENT', 'SETINFO', 'color', 'red')).toBe(err("ERR Unrecognized option 'color'"));
  });

  it('LIST describes every connection in Redis field order, with the full command name', () => {
    const h = new CommandHarness();
    const other = h.connect();
    other.run('SELECT', '2');
    other.run('CLIENT', 'SETNAME', 'second');
    other.run('SUBSCRIBE', 'news');
    h.advance(3000);
    const list = clients(h.run('CLIENT', 'LIST'));
    expect(list.map((c) => c.get('id'))).toEqual(['1', '2']);
    expect([...list[0]!.keys()].slice(0, 8)).toEqual([
      'id',
      'addr',
      'laddr',
      'fd',
      'name',
      'age',
      'idle',
      'flags',
    ]);
    expect(list[0]!.get('cmd')).toBe('client|list');
    expect(list[0]!.get('flags')).toBe('N');
    expect(list[1]!.get('cmd')).toBe('subscribe');
    expect(list[1]!.get('name')).toBe('second');
    expect(list[1]!.get('db')).toBe('2');
    expect(list[1]!.get('sub')).toBe('1');
    expect(list[1]!.get('flags')).toBe('P');
    expect(list[1]!.get('idle')).toBe('3');
  });

  it('LIST filters by TYPE and ID', () => {
    const h = new CommandHarness();
    h.connect().run('SUBSCRIBE', 'news');
    h.connect();
    expect(clients(h.run('CLIENT', 'LIST', 'TYPE', 'pubsub')).map((c) => c.get('id'))).toEqual([
      '2',
    ]);
    expect(clients(h.run('CLIENT', 'LIST', 'TYPE', 'normal')).map((c) => c.get('id'))).toEqual([
      '1',
      '3',
    ]);
    // In the order asked, repeats included, as Redis lists them.
    expect(
      clients(h.run('CLIENT', 'LIST', 'ID', '3', '1', '3', '99')).map((c) => c.get('id')),
    ).toEqual(['3', '1', '3']);
    expect(h.run('CLIENT', 'LIST', 'TYPE', 'normal', 'ID', '1')).toBe(err('ERR syntax error'));
    expect(h.run('CLIENT', 'LIST', 'ID', '0')).toBe('$0\r\n\r\n');
    expect(h.run('CLIENT', 'LIST', 'ID', 'x')).toBe(err('ERR Invalid client ID'));
    expect(h.run('CLIENT', 'LIST', 'TYPE', 'foo')).toBe(err("ERR Unknown client type 'foo'"));
    expect(h.run('CLIENT', 'LIST', 'ID')).toBe(err('ERR syntax error'));
  });

  it('KILL ends other connections by address or filter, and the caller only when asked', () => {
    const h = new CommandHarness();
    const a = h.connect();
    const b = h.connect();
    expect(h.run('CLIENT', 'KILL', a.session.remoteAddress)).toBe(OK);
    expect(a.killed).toBe(true);
    expect(h.run('CLIENT', 'KILL', 'ID', String(b.session.id))).toBe(int(1));
    expect(b.killed).toBe(true);
    expect(h.run('CLIENT', 'KILL', 'ID', '999')).toBe(int(0));
    // SKIPME yes by default: the caller survives a filter that matches it.
    expect(h.run('CLIENT', 'KILL', 'LADDR', '127.0.0.1:6379')).toBe(int(0));
    expect(h.run('CLIENT', 'KILL', 'LADDR', '127.0.0.1:6379', 'SKIPME', 'no')).toBe(int(1));
    expect(h.client.session.closeAfterReply).toBe(true);
  });

  it('KILL USER default matches every connection, authenticated or not', () => {
    const h = new CommandHarness();
    const a = h.connect();
    const b = h.connect();
    expect(h.run('CLIENT', 'KILL', 'USER', 'default')).toBe(int(2));
    expect([a.killed, b.killed, h.client.session.closeAfterReply]).toEqual([true, true, false]);
  });

  it('KILL rejects bad forms with Redis texts', () => {
    const h = new CommandHarness();
    expect(h.run('CLIENT', 'KILL', '1.2.3.4:5')).toBe(err('ERR No such client'));
    expect(h.run('CLIENT', 'KILL', 'ID', '0')).toBe(err('ERR client-id should be greater than 0'));
    expect(h.run('CLIENT', 'KILL', 'ID', 'x')).toBe(err('ERR client-id should be greater than 0'));
    expect(h.run('CLIENT', 'KILL', 'SKIPME', 'maybe')).toBe(err('ERR syntax error'));
    // User names are case-sensitive: there is only `default`.
    expect(h.run('CLIENT', 'KILL', 'USER', 'DEFAULT')).toBe(err("ERR No such user 'DEFAULT'"));
  });

  it('replies unknown subcommand, and CLIENT LIST then shows cmd=NULL', () => {
    const h = new CommandHarness();
    expect(h.run('CLIENT', 'foo')).toBe(err("ERR unknown subcommand 'foo'. Try CLIENT HELP."));
    const other = h.connect();
    const [first] = clients(other.run('CLIENT', 'LIST', 'ID', '1'));
    expect(first!.get('cmd')).toBe('NULL');
  });
});
