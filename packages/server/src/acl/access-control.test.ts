import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RequestArgs } from '@mini-redis/resp';
import { describe, expect, it } from 'vitest';
import { AccessControl, AclSetUserError } from './access-control.js';
import { describeUser } from './describe.js';
import { AclLog } from './log.js';
import { hashPassword, mergeSelectorArguments } from './user.js';

function request(...words: string[]): RequestArgs {
  const args = new RequestArgs();
  for (const word of words) {
    const bytes = Buffer.from(word, 'latin1');
    args._push(bytes, 0, bytes.length);
  }
  return args;
}

describe('AccessControl', () => {
  it('starts with the default user allowed everything, its password requirepass', () => {
    const acl = new AccessControl('');
    expect(acl.defaultUser.unrestricted).toBe(true);
    expect(acl.authRequired()).toBe(false);
    expect(describeUser(acl.defaultUser)).toBe('on nopass ~* &* +@all');
    acl.setDefaultPassword('pw');
    expect(acl.authRequired()).toBe(true);
    expect(acl.defaultUser.passwords).toEqual([hashPassword('pw')]);
    expect(acl.authenticate('default', 'pw')).toBe(acl.defaultUser);
    expect(acl.authenticate('default', 'wrong')).toBeUndefined();
    expect(acl.authenticate('nobody', 'pw')).toBeUndefined();
  });

  it('refuses a user that is off, whatever its password', () => {
    const acl = new AccessControl('');
    acl.setUser('u', ['>pw', '+@all']);
    expect(acl.authenticate('u', 'pw')).toBeUndefined();
    acl.setUser('u', ['on']);
    expect(acl.authenticate('u', 'pw')?.name).toBe('u');
    acl.setUser('u', ['nopass']);
    expect(acl.authenticate('u', 'anything')?.name).toBe('u');
  });

  it('applies all of SETUSER’s rules or none', () => {
    const acl = new AccessControl('');
    acl.setUser('u', ['on', '+get', '~k*']);
    expect(() => acl.setUser('u', ['off', '+set', '+nosuch'])).toThrow(
      new AclSetUserError(
        "Error in ACL SETUSER modifier '+nosuch': Unknown command or category name in ACL",
      ),
    );
    expect(describeUser(acl.user('u')!)).toBe('on ~k* resetchannels -@all +get');
    expect(() => acl.setUser('u', ['(+get', '~x'])).toThrow(
      "Unmatched parenthesis in acl selector starting at '(+get'.",
    );
    expect(() => acl.setUser('a b', [])).toThrow("Usernames can't contain spaces");
  });

  it('picks Redis’s reason when no selector allows a command', () => {
    const acl = new AccessControl('');
    const { user } = acl.setUser('u', ['on', '+get', '~a*', '(+set ~b*)', '(+publish &c*)']);
    expect(acl.check(user, 'get', request('get', 'a1'))).toBeUndefined();
    expect(acl.check(user, 'set', request('set', 'b1', 'v'))).toBeUndefined();
    // The root refuses the command, the first selector the key: the key wins.
    expect(acl.check(user, 'set', request('set', 'a1', 'v'))).toEqual({
      reason: 'key',
      position: 1,
    });
    expect(acl.check(user, 'publish', request('publish', 'x', 'm'))).toEqual({
      reason: 'channel',
      position: 1,
    });
    expect(acl.check(user, 'del', request('del', 'a1'))).toEqual({
      reason: 'command',
      position: 0,
    });
    // A command outside Redis 7.0's table is a "future command": only +@all allows it.
    expect(
      acl.check(user, 'client|setinfo', request('client', 'setinfo', 'lib-name', 'x')),
    ).toEqual({
      reason: 'command',
      position: 0,
    });
    const all = acl.setUser('all', ['on', '+@all', '-get', '~a*']).user;
    expect(
      acl.check(all, 'client|setinfo', request('client', 'setinfo', 'lib-name', 'x')),
    ).toBeUndefined();
  });

  it('checks keys by the access their key specs declare', () => {
    const acl = new AccessControl('');
    const { user } = acl.setUser('u', ['on', '+@all', '%R~r*', '%W~w*']);
    expect(acl.check(user, 'get', request('get', 'r1'))).toBeUndefined();
    expect(acl.check(user, 'get', request('get', 'w1'))?.reason).toBe('key');
    expect(acl.check(user, 'set', request('set', 'w1', 'v'))).toBeUndefined();
    expect(acl.check(user, 'copy', request('copy', 'r1', 'w1'))).toBeUndefined();
    expect(acl.check(user, 'copy', request('copy', 'w1', 'r1'))).toEqual({
      reason: 'key',
      position: 1,
    });
  });

  it('allows a first argument of an otherwise denied command', () => {
    const acl = new AccessControl('');
    const { user } = acl.setUser('u', ['on', '-@all', '+select|0']);
    expect(acl.check(user, 'select', request('SELECT', '0'))).toBeUndefined();
    expect(acl.check(user, 'select', request('SELECT', '1'))?.reason).toBe('command');
    expect(acl.check(user, 'select', request('SELECT'))?.reason).toBe('command');
  });

  it('saves users to a file and loads them back, or nothing from a broken one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'acl-unit-'));
    try {
      const path = join(dir, 'users.acl');
      const acl = new AccessControl('');
      acl.setUser('b', ['on', '>pw', '+@read', '~b*']);
      acl.setUser('a', ['(+get ~x)']);
      // Named relative to the directory given, as the server's dir.
      acl.save('users.acl', dir);
      const text = readFileSync(path, 'latin1');
      expect(text.split('\n')[0]).toBe(
        'user a off resetchannels -@all (~x resetchannels -@all +get)',
      );
      expect(text).toContain(`user b on #${hashPassword('pw')} ~b* resetchannels -@all +@read`);
      const fresh = new AccessControl('');
      const loaded = fresh.load('users.acl', dir);
      expect(loaded).toEqual({ replaced: [] });
      expect(fresh.users().map((user) => user.name)).toEqual(['a', 'b', 'default']);
      writeFileSync(path, 'user c on +get\nuser d +nosuch\n');
      // Messages name the file as given.
      expect(fresh.load('users.acl', dir)).toEqual({
        errors: `users.acl:2: Error in applying operation '+nosuch': Unknown command or category name in ACL. WARNING: ACL errors detected, no change to the previously active ACL rules was performed`,
      });
      expect(fresh.users().map((user) => user.name)).toEqual(['a', 'b', 'default']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('mergeSelectorArguments', () => {
  it('joins a selector written over several arguments', () => {
    expect(mergeSelectorArguments(['on', '(+get', '~k*)', '>pw'])).toEqual([
      'on',
      '(+get ~k*)',
      '>pw',
    ]);
    // Another opening starts over, as Redis does.
    expect(mergeSelectorArguments(['(+get', '(+set', '~k)'])).toEqual(['(+set ~k)']);
    expect(mergeSelectorArguments(['x', '(+get'])).toEqual({ unmatched: 1 });
  });
});

describe('AclLog', () => {
  const entry = (object: string, time: number) => ({
    reason: 'key' as const,
    context: 'toplevel' as const,
    object,
    username: 'u',
    time,
    clientInfo: `at ${time}`,
  });

  it('groups a refusal like a recent one and keeps at most the bound', () => {
    const log = new AclLog();
    log.push(entry('a', 0), 2);
    log.push(entry('b', 1), 2);
    log.push(entry('a', 60_000), 2);
    expect(log.newest(10).map((e) => [e.object, e.count, e.clientInfo])).toEqual([
      ['a', 2, 'at 60000'],
      ['b', 1, 'at 1'],
    ]);
    // Over a minute later: a new entry, and the oldest goes.
    log.push(entry('a', 120_001), 2);
    expect(log.newest(10).map((e) => [e.object, e.count])).toEqual([
      ['a', 1],
      ['a', 2],
    ]);
    log.reset();
    expect(log.length).toBe(0);
  });
});
