// MODULE through the typed methods, against a real redis-server (over
// RESP3 and RESP2) and @mini-redis/server: neither has a module loaded,
// and both refuse to load one (Redis by its default enable-module-command).
import { describe, expect, it } from 'vitest';
import { ReplyError } from '../src/index.js';
import { targets, useTargetClient } from './targets.js';

describe.each(targets)('modules against $name', (target) => {
  const clientOf = useTargetClient(target);

  it.skipIf(!target.enabled)('lists none and refuses to load one', async () => {
    const client = clientOf();
    expect(await client.moduleList()).toEqual([]);
    for (const attempt of [
      client.moduleLoad('/nonexistent/module.so', ['arg']),
      client.moduleLoadex('/nonexistent/module.so', { configs: { a: 1 }, args: ['x'] }),
      client.moduleUnload('nosuch'),
    ]) {
      const error = await attempt.catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ReplyError);
      expect((error as ReplyError).message).toMatch(/^ERR MODULE command not allowed\./);
    }
  });
});
