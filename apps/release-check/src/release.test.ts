// The release check: `npm pack` every published package, install the
// tarballs into a fresh project in the system's temp directory (no
// workspace links), and there import each package with `import` and with
// `require`, start a server and do a GET/SET through the client.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../..', import.meta.url));
const PACKAGES = ['channels', 'resp', 'client', 'server'];
let project: string | undefined;

afterAll(async () => {
  if (project !== undefined) await rm(project, { recursive: true, force: true });
});

const SCRIPT = `
import { createRequire } from 'node:module';
import * as channels from '@mini-redis/channels';
import * as resp from '@mini-redis/resp';
import { createClient } from '@mini-redis/client';
import { createServer } from '@mini-redis/server';

const require = createRequire(import.meta.url);
// Node 20.19+ can require() an ES module: CommonJS users get the same API.
const required = ['@mini-redis/channels', '@mini-redis/resp', '@mini-redis/client', '@mini-redis/server'].map((name) => Object.keys(require(name)).length > 0);
const [tx, rx] = channels.mpsc.channel(1);
await tx.send('ok');
const server = createServer({ port: 0 });
const { port } = await server.listen();
const client = createClient('127.0.0.1:' + port);
await client.set('release', 'works');
const value = await client.get('release');
await client.close();
await server.close();
console.log(JSON.stringify({ required, channel: await rx.recv(), encoded: resp.encodeCommand(['PING']).toString(), value }));
`;

describe('the published packages', () => {
  it('install from their tarballs and work with import and require outside the workspace', async () => {
    project = await mkdtemp(join(tmpdir(), 'mini-redis-release-'));
    const tarballs: string[] = [];
    for (const name of PACKAGES) {
      const { stdout } = await run('npm', ['pack', '--silent', '--pack-destination', project], {
        cwd: join(root, 'packages', name),
      });
      tarballs.push(join(project, stdout.trim().split('\n').pop()!));
    }
    await writeFile(
      join(project, 'package.json'),
      JSON.stringify({ name: 'release-check', private: true, type: 'module' }),
    );
    await run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', ...tarballs], {
      cwd: project,
    });
    await writeFile(join(project, 'check.mjs'), SCRIPT);
    const { stdout } = await run(process.execPath, ['check.mjs'], { cwd: project });
    expect(JSON.parse(stdout)).toEqual({
      required: [true, true, true, true],
      channel: 'ok',
      encoded: '*1\r\n$4\r\nPING\r\n',
      value: 'works',
    });
  }, 180_000);
});
