// COMMAND: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, CommandHarness, err, int } from '../../test/command-harness.js';

describe('COMMAND', () => {
  it('COUNT replies with the number of commands; LIST names each once, subcommands too', () => {
    const h = new CommandHarness();
    const count = h.server.commands.size;
    expect(h.run('COMMAND', 'COUNT')).toBe(int(count));
    let subcommands = 0;
    for (const command of h.server.commands.values()) subcommands += command.subcommands?.size ?? 0;
    const list = h.run('COMMAND', 'LIST');
    // As Redis 7.0: containers and their subcommands by full name.
    expect(list.startsWith(`*${count + subcommands}\r\n`)).toBe(true);
    expect(list).toContain(bulk('get'));
    expect(list).toContain(bulk('incrbyfloat'));
    expect(list).toContain(bulk('client|list'));
    expect(h.run('COMMAND', 'COUNT', 'x')).toBe(
      err("ERR wrong number of arguments for 'command|count' command"),
    );
  });

  // Checked against redis-server 7.0, which lists the same names plus the
  // commands this server does not have (pubsub|shardchannels, spublish...).
  it('LIST FILTERBY narrows by pattern, ACL category or module, as Redis 7.0 does', () => {
    const h = new CommandHarness();
    const names = (reply: string) =>
      reply
        .split('\r\n')
        .filter((line, i) => i % 2 === 0 && i > 0 && line !== '')
        .sort();
    expect(names(h.run('COMMAND', 'LIST', 'FILTERBY', 'PATTERN', 'CONFIG*'))).toEqual([
      'config',
      'config|get',
      'config|help',
      'config|resetstat',
      'config|rewrite',
      'config|set',
    ]);
    expect(names(h.run('COMMAND', 'LIST', 'filterby', 'aclcat', 'PUBSUB'))).toEqual([
      'psubscribe',
      'publish',
      'pubsub|channels',
      'pubsub|numpat',
      'pubsub|numsub',
      'pubsub|shardchannels',
      'pubsub|shardnumsub',
      'punsubscribe',
      'spublish',
      'ssubscribe',
      'subscribe',
      'sunsubscribe',
      'unsubscribe',
    ]);
    expect(h.run('COMMAND', 'LIST', 'FILTERBY', 'ACLCAT', 'nope')).toBe('*0\r\n');
    expect(h.run('COMMAND', 'LIST', 'FILTERBY', 'MODULE', 'x')).toBe('*0\r\n');
    for (const extra of [['x'], ['FILTERBY'], ['FILTERBY', 'PATTERN'], ['FILTERBY', 'NAME', 'g*']])
      expect(h.run('COMMAND', 'LIST', ...extra)).toBe(err('ERR syntax error'));
    expect(h.run('COMMAND', 'LIST', 'FILTERBY', 'PATTERN', 'a', 'b')).toBe(err('ERR syntax error'));
  });

  // Each reply as redis-server 7.0 gave it (the differential test sends more).
  it('GETKEYS and GETKEYSANDFLAGS read the keys from the key specs, with Redis texts', () => {
    const h = new CommandHarness();
    expect(h.run('COMMAND', 'GETKEYS', 'mset', 'a', '1', 'b', '2')).toBe(
      `*2\r\n${bulk('a')}${bulk('b')}`,
    );
    expect(h.run('COMMAND', 'GETKEYSANDFLAGS', 'set', 'k', 'v', 'get')).toBe(
      `*1\r\n*2\r\n${bulk('k')}*3\r\n+RW\r\n+access\r\n+update\r\n`,
    );
    expect(h.run('COMMAND', 'GETKEYSANDFLAGS', 'bitfield', 'k', 'get', 'i8', '0')).toBe(
      `*1\r\n*2\r\n${bulk('k')}*2\r\n+RO\r\n+access\r\n`,
    );
    expect(h.run('COMMAND', 'GETKEYS', 'get')).toBe(
      err("ERR wrong number of arguments for 'command|getkeys' command"),
    );
    expect(h.run('COMMAND', 'GETKEYS', 'nope', 'k')).toBe(err('ERR Invalid command specified'));
    expect(h.run('COMMAND', 'GETKEYS', 'ping', 'x')).toBe(
      err('ERR The command has no key arguments'),
    );
    expect(h.run('COMMAND', 'GETKEYS', 'get', 'a', 'b')).toBe(
      err('ERR Invalid number of arguments specified for command'),
    );
  });

  it('INFO describes a command as Redis does: name, arity, flags, keys, ACL categories, key specs', () => {
    const h = new CommandHarness();
    // An unknown name is Redis's addReplyNull: `$-1` in RESP2.
    expect(h.run('COMMAND', 'INFO', 'get', 'nope')).toMatch(
      /^\*2\r\n\*10\r\n\$3\r\nget\r\n:2\r\n\*2\r\n\+readonly\r\n\+fast\r\n:1\r\n:1\r\n:1\r\n\*3\r\n\+@read\r\n\+@string\r\n\+@fast\r\n\*0\r\n\*1\r\n[\s\S]*\$-1\r\n$/,
    );
    expect(h.run('COMMAND', 'INFO', 'mset')).toMatch(/^\*1\r\n\*\d+\r\n\$4\r\nmset\r\n:-3\r\n/);
  });

  it("DOCS replies with Redis's docs for each known command", () => {
    const h = new CommandHarness();
    const texts = (...values: string[]) => values.map(bulk).join('');
    // Redis 7.0.15's bytes for GET (RESP2: maps are flat arrays).
    const getDocs =
      '*10\r\n' +
      texts('summary', 'Get the value of a key', 'since', '1.0.0', 'group', 'string') +
      texts('complexity', 'O(1)', 'arguments') +
      '*1\r\n*6\r\n' +
      texts('name', 'key', 'type', 'key', 'key_spec_index') +
      ':0\r\n';
    expect(h.run('COMMAND', 'DOCS', 'get', 'nope')).toBe(`*2\r\n${bulk('get')}${getDocs}`);
    expect(h.run('COMMAND', 'DOCS', 'nope')).toBe('*0\r\n');
  });

  it("DOCS lists a container's subcommands", () => {
    const h = new CommandHarness();
    const docs = h.run('COMMAND', 'DOCS', 'config');
    for (const name of ['get', 'set', 'resetstat', 'rewrite', 'help'])
      expect(docs).toContain(bulk(`config|${name}`));
  });

  it('replies unknown subcommand with Redis text', () => {
    expect(new CommandHarness().run('COMMAND', 'foo')).toBe(
      err("ERR unknown subcommand 'foo'. Try COMMAND HELP."),
    );
  });
});
