// HELLO: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, CommandHarness, err, OK } from '../../test/command-harness.js';

function helloReply(type: '*' | '%', proto: number, id: number): string {
  const count = type === '*' ? 14 : 7;
  return (
    `${type}${count}\r\n${bulk('server')}${bulk('redis')}${bulk('version')}${bulk('7.0.15')}` +
    `${bulk('proto')}:${proto}\r\n${bulk('id')}:${id}\r\n${bulk('mode')}${bulk('standalone')}` +
    `${bulk('role')}${bulk('master')}${bulk('modules')}*0\r\n`
  );
}

describe('HELLO', () => {
  it('replies with the server map: a flat array in RESP2, a map after HELLO 3', () => {
    const h = new CommandHarness();
    expect(h.run('HELLO')).toBe(helloReply('*', 2, 1));
    expect(h.run('HELLO', '3')).toBe(helloReply('%', 3, 1));
    // RESP3 from now on: a null is `_`.
    expect(h.run('GET', 'missing')).toBe('_\r\n');
    expect(h.run('HELLO', '2')).toBe(helloReply('*', 2, 1));
    expect(h.run('GET', 'missing')).toBe('$-1\r\n');
  });

  it('sets the connection name with SETNAME', () => {
    const h = new CommandHarness();
    h.run('HELLO', '3', 'SETNAME', 'worker-1');
    h.run('HELLO', '2');
    expect(h.run('CLIENT', 'GETNAME')).toBe(bulk('worker-1'));
  });

  it('authenticates with AUTH when a password is required', () => {
    const h = new CommandHarness({ requirepass: 'secret' });
    expect(h.run('HELLO', '3')).toBe(
      err(
        'NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol version at the same time',
      ),
    );
    expect(h.run('HELLO', '3', 'AUTH', 'default', 'wrong')).toBe(
      err('WRONGPASS invalid username-password pair or user is disabled.'),
    );
    expect(h.run('HELLO', '2', 'AUTH', 'default', 'secret')).toBe(helloReply('*', 2, 1));
    expect(h.run('SET', 'k', 'v')).toBe(OK);
  });

  it('rejects bad versions and options with Redis texts', () => {
    const h = new CommandHarness();
    expect(h.run('HELLO', '4')).toBe(err('NOPROTO unsupported protocol version'));
    expect(h.run('HELLO', 'x')).toBe(err('ERR Protocol version is not an integer or out of range'));
    expect(h.run('HELLO', '3', 'SETNAME', 'a b')).toBe(
      err('ERR Client names cannot contain spaces, newlines or special characters.'),
    );
    expect(h.run('HELLO', '3', 'FOO')).toBe(err("ERR Syntax error in HELLO option 'FOO'"));
    expect(h.run('HELLO', '3', 'AUTH', 'default')).toBe(
      err("ERR Syntax error in HELLO option 'AUTH'"),
    );
    // Nothing changed: still RESP2.
    expect(h.run('GET', 'missing')).toBe('$-1\r\n');
  });

  it('names the connection after AUTH and before the authentication check, as Redis 7.0 does', () => {
    const h = new CommandHarness({ requirepass: 'pw' });
    expect(h.run('HELLO', '2', 'SETNAME', 'early')).toMatch(/^-NOAUTH HELLO must be called/);
    // A bad name after a good AUTH: an error, but authenticated.
    expect(h.run('HELLO', '2', 'AUTH', 'default', 'pw', 'SETNAME', 'a b')).toBe(
      err('ERR Client names cannot contain spaces, newlines or special characters.'),
    );
    expect(h.run('CLIENT', 'GETNAME')).toBe(bulk('early'));
  });
});
