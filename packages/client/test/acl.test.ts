// ACL through the typed methods, against a real redis-server (over RESP3
// and RESP2) and @mini-redis/server: users created and described, clients
// authenticating as them (the username option and the address's), the
// refusals they get, ACL LOG, DRYRUN and CAT, and DELUSER closing their
// connections.
import { describe, expect, it } from 'vitest';
import { createClient, ReplyError } from '../src/index.js';
import { targets, useTargetClient } from './targets.js';

describe.each(targets)('ACL against $name', (target) => {
  const clientOf = useTargetClient(target);

  it.skipIf(!target.enabled)('creates, describes and deletes users', async () => {
    const admin = clientOf();
    expect(await admin.aclWhoami()).toBe('default');
    expect(await admin.aclSetuser('reader', ['on', '>pw', '+get', '+mget', '%R~r:*', '&n.*'])).toBe(
      'OK',
    );
    expect(await admin.aclSetuser('reader', ['(+set ~w:*)'])).toBe('OK');
    expect(await admin.aclGetuser('reader')).toEqual({
      flags: ['on'],
      passwords: ['30c952fab122c3f9759f02a6d95c3758b246b4fee239957b2d4fee46e26170c4'],
      commands: expect.stringMatching(/^-@all \+(get|mget) \+(get|mget)$/),
      keys: '%R~r:*',
      channels: '&n.*',
      selectors: [{ commands: '-@all +set', keys: '~w:*', channels: '' }],
    });
    expect(await admin.aclGetuser('nobody')).toBeNull();
    expect(await admin.aclUsers()).toEqual(['default', 'reader']);
    expect(await admin.aclList()).toContainEqual('user default on nopass ~* &* +@all');
    await expect(admin.aclSetuser('reader', ['+nosuchcommand'])).rejects.toThrow(
      "ERR Error in ACL SETUSER modifier '+nosuchcommand': Unknown command or category name in ACL",
    );
    expect(await admin.aclDryrun('reader', ['get', 'r:1'])).toBeNull();
    expect(await admin.aclDryrun('reader', ['get', 'x'])).toBe(
      "This user has no permissions to access the 'x' key",
    );
    expect(await admin.aclDryrun('reader', ['set', 'w:1', 'v'])).toBeNull();
    expect(await admin.aclDryrun('reader', ['del', 'r:1'])).toBe(
      "This user has no permissions to run the 'del' command",
    );
    expect(await admin.aclCat()).toContain('scripting');
    expect((await admin.aclCat('connection')).sort()).toContain('client|setname');
    expect(await admin.aclGenpass(8)).toMatch(/^[0-9a-f]{2}$/);
    expect(await admin.aclDeluser(['reader', 'nobody'])).toBe(1);
    await expect(admin.aclDeluser('default')).rejects.toThrow(
      "ERR The 'default' user cannot be removed",
    );
  });

  it.skipIf(!target.enabled)(
    'runs a client as a user, refused what the user may not do',
    async () => {
      const admin = clientOf();
      await admin.aclLogReset();
      await admin.aclSetuser('app', [
        'on',
        '>apppw',
        '+@read',
        '+@connection',
        '+acl|whoami',
        '~app:*',
      ]);
      await admin.set('app:1', 'one');
      const address = await admin.command(['CONFIG', 'GET', 'port']).then((reply) => {
        const port = reply instanceof Map ? reply.get('port') : (reply as string[])[1];
        return `redis://app:apppw@127.0.0.1:${port}`;
      });
      await using app = createClient(address);
      expect(await app.aclWhoami()).toBe('app');
      expect(await app.get('app:1')).toBe('one');
      const refused = app.set('app:1', 'two');
      await expect(refused).rejects.toBeInstanceOf(ReplyError);
      await expect(refused).rejects.toThrow(
        "NOPERM this user has no permissions to run the 'set' command",
      );
      await expect(app.get('other')).rejects.toThrow(
        'NOPERM this user has no permissions to access one of the keys used as arguments',
      );
      const [keyRefusal, commandRefusal] = await admin.aclLog(2);
      expect(keyRefusal).toMatchObject({
        count: 1,
        reason: 'key',
        context: 'toplevel',
        object: 'other',
        username: 'app',
      });
      expect(commandRefusal).toMatchObject({ reason: 'command', object: 'set', username: 'app' });
      expect(keyRefusal!.clientInfo).toContain('user=app');
      expect(keyRefusal!.ageSeconds).toBeGreaterThanOrEqual(0);
      // A wrong password is refused at the handshake, and logged.
      await using wrong = createClient(address.replace('apppw', 'nope'), { reconnect: false });
      await expect(wrong.ping()).rejects.toThrow();
      expect((await admin.aclLog(1))[0]).toMatchObject({ reason: 'auth', username: 'app' });
      expect(await admin.aclLogReset()).toBe('OK');
      expect(await admin.aclLog()).toEqual([]);
    },
  );
});
