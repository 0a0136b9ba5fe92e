// A config file's `include` with wildcards, against a real redis-server
// 7.0.15: both are started from the same file, `save ""` then one include
// line, over a tree of files that each add one save point of their own
// (`save <id> 1`), so CONFIG GET save tells which files each read, and in
// which order. Covered: wildcards in the file name and in directories, a
// leading dot, `[...]` with negation, ranges and classes, escapes, an
// unclosed `[`, directories matched, a symbolic link to a directory, `..`,
// no match at all, and names that are not ASCII or not UTF-8.
// redis-server runs under LC_ALL=C: it sorts the matches by the locale's
// collation, and this server by bytes, as the C locale does.
import { Buffer } from 'node:buffer';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ServerProcess } from '@mini-redis/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasRedis, rawExchange } from './helpers.js';

const bin = fileURLToPath(new URL('../bin/mini-redis-server.js', import.meta.url));

// The tree under `parent/root`: each file's path and its save point's id.
// `parent/x.conf` is there for `..` to find.
const FILES: ReadonlyArray<readonly [path: string | Buffer, id: number]> = [
  ['x.conf', 1000],
  ['root/a.conf', 1001],
  ['root/b.conf', 1002],
  ['root/B.conf', 1003],
  ['root/.hidden.conf', 1004],
  ['root/c.txt', 1005],
  ['root/x*y.conf', 1006],
  ['root/xzy.conf', 1007],
  ['root/lit[b', 1008],
  ['root/1.conf', 1009],
  ['root/sub1/x.conf', 1010],
  ['root/sub2/x.conf', 1011],
  ['root/sub2/y.conf', 1012],
  ['root/.dot/x.conf', 1013],
  ['root/other/x.conf', 1014],
  ['root/subfile', 1015],
  ['root/é/x.conf', 1016],
  [Buffer.concat([Buffer.from('root/'), Buffer.from([0xff]), Buffer.from('/x.conf')]), 1017],
  ['root/deep/er/x.conf', 1018],
];

// Patterns, relative to `parent/root`.
const PATTERNS = [
  '*.conf',
  '*',
  '.*',
  '?.conf',
  '[ab].conf',
  '[!a].conf',
  '[^a].conf',
  '[a-b].conf',
  '[[:upper:]].conf',
  '[[:digit:]]*',
  '[]a].conf',
  'x\\*y.conf',
  'x?y.conf',
  'lit[b',
  'lit[*',
  'nothing*',
  'empty/*',
  'sub*/x.conf',
  '*/x.conf',
  '*/*.conf',
  '.*/x.conf',
  's?b[0-9]/*',
  'sub1/*.conf',
  'link*/x.conf',
  '*/er/*.conf',
  'deep/*/x.conf',
  '*/',
  '\\*.conf',
];

describe.skipIf(!hasRedis())('differential: include with wildcards', () => {
  let parent: string;
  let root: string;
  beforeAll(() => {
    parent = mkdtempSync(join(tmpdir(), 'include-glob-'));
    root = join(parent, 'root');
    for (const [path, id] of FILES) {
      const full = Buffer.concat([Buffer.from(`${parent}/`), Buffer.from(path)]);
      const directory = full.subarray(0, full.lastIndexOf('/'));
      mkdirSync(directory, { recursive: true });
      writeFileSync(full, `save ${id} 1\n`);
    }
    mkdirSync(join(root, 'empty'));
    symlinkSync(join(root, 'sub2'), join(root, 'linked'));
  });
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  // The save points each server reads from `save ""` and the include line.
  async function savePoints(kind: 'ours' | 'redis', pattern: string): Promise<string> {
    const file = join(parent, `${kind}-${PATTERNS.indexOf(pattern)}.conf`);
    writeFileSync(file, `save ""\ninclude ${root}/${pattern}\n`);
    // With save points, each writes a snapshot when stopped: into a
    // directory of its own, outside the tree the patterns match, not into
    // the test's, where later redis-servers would load it.
    const dir = mkdtempSync(join(parent, `data-${kind}-`));
    const server = await ServerProcess.start((port) =>
      kind === 'ours'
        ? [process.execPath, [bin, file, '--port', String(port), '--dir', dir]]
        : [
            'env',
            [
              'LC_ALL=C',
              'redis-server',
              file,
              '--port',
              String(port),
              '--dir',
              dir,
              '--daemonize',
              'no',
            ],
          ],
    );
    try {
      return await rawExchange(server.port, [['CONFIG', 'GET', 'save']]);
    } finally {
      await server.stop();
    }
  }

  it('reads the files redis-server reads, in its order', async () => {
    const results: Array<[pattern: string, ours: string, redis: string]> = [];
    // A few at a time: each pattern starts two processes.
    for (let i = 0; i < PATTERNS.length; i += 4) {
      const batch = PATTERNS.slice(i, i + 4);
      results.push(
        ...(await Promise.all(
          batch.map(
            async (pattern) =>
              [pattern, await savePoints('ours', pattern), await savePoints('redis', pattern)] as [
                string,
                string,
                string,
              ],
          ),
        )),
      );
    }
    for (const [pattern, ours, redis] of results)
      expect({ pattern, save: ours }).toEqual({ pattern, save: redis });
    // The tree is what it should be: the patterns reach every file (the
    // `..` one included), and several match nothing.
    const read = new Set(results.flatMap(([, , redis]) => redis.match(/\b1\d{3}\b/g) ?? []));
    expect([...read].sort()).toEqual(FILES.map(([, id]) => String(id)).sort());
    expect(results.filter(([, , redis]) => redis.endsWith('$0\r\n\r\n')).length).toBeGreaterThan(2);
  }, 120_000);
});
