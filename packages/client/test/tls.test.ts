// TLS against a real redis-server serving the test certificate
// (@mini-redis/testing's TLS_FIXTURE): every layer of the client connects
// with `tls` options, and an untrusted certificate fails clearly.

import { hasRedis, type RealRedis, startRealRedisTls, TLS_FIXTURE } from '@mini-redis/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientError, connect, createClient, createSubscriber } from '../src/index.js';

const enabled = hasRedis();

describe.skipIf(!enabled)('TLS against a real redis-server', () => {
  let redis: RealRedis & { readonly tlsPort: number };
  const tls = { ca: TLS_FIXTURE.cert };

  beforeAll(async () => {
    redis = await startRealRedisTls(['--requirepass', 'pw']);
  });

  afterAll(async () => {
    await redis?.stop();
  });

  it('runs the actor over rediss:// with a trusted CA, by IP and by name', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      await using byIp = createClient(`rediss://:pw@127.0.0.1:${redis.tlsPort}/2`, {
        tls,
        name: 'over-tls',
      });
      expect(await byIp.set('tls:key', 'secret')).toBe('OK');
      await using byName = createClient(`rediss://:pw@localhost:${redis.tlsPort}/2`, { tls });
      expect(await byName.get('tls:key')).toBe('secret');
      const list = (await byIp.command(['CLIENT', 'LIST'])) as string;
      expect(list.split('\n').filter((line) => line.includes('name=over-tls'))).toHaveLength(1);
      expect(list).toContain(`laddr=127.0.0.1:${redis.tlsPort}`);
    } finally {
      process.off('warning', onWarning);
    }
    // No "Setting the TLS ServerName to an IP address" deprecation: SNI
    // is only sent for host names.
    expect(warnings.map((warning) => warning.message)).toEqual([]);
  });

  it('uses TLS for a host:port address when tls options are given', async () => {
    await using client = createClient(`127.0.0.1:${redis.tlsPort}`, { tls, password: 'pw' });
    expect(await client.ping()).toBe('PONG');
  });

  it('the direct client and the subscriber connect over TLS', async () => {
    using client = await connect(`rediss://:pw@127.0.0.1:${redis.tlsPort}`, { tls });
    using subscriber = createSubscriber(`rediss://:pw@127.0.0.1:${redis.tlsPort}`, { tls });
    await subscriber.subscribe('tls-news');
    expect(await client.publish('tls-news', 'encrypted')).toBe(1);
    expect(await subscriber.nextMessage()).toEqual({ channel: 'tls-news', message: 'encrypted' });
  });

  it('fails with ERR_NOT_CONNECTED when the certificate is not trusted', async () => {
    const client = createClient(`rediss://:pw@127.0.0.1:${redis.tlsPort}`, { reconnect: false });
    const error = await client.ping().catch((caught: unknown) => caught);
    expect(ClientError.is(error) && error.code).toBe('ERR_NOT_CONNECTED');
    expect((error as Error).message).toContain('self-signed certificate');
    await client.close();
    await expect(
      connect(`rediss://127.0.0.1:${redis.tlsPort}`, { connectTimeout: 5000 }),
    ).rejects.toMatchObject({ code: 'ERR_NOT_CONNECTED' });
  });
});
