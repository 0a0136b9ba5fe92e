// Large streams against a real redis-server: streams of hundreds of
// entries over many nodes (stream-node-max-entries set small, so nodes
// close, fill with deleted entries and go), with explicit IDs only (`*`
// would read each server's clock), then seeded random ranges, deletions,
// exact and approximate trims (`~` trims whole nodes, so the node layout
// must be Redis's), consumer groups read, acknowledged and claimed with no
// idle time, and XINFO STREAM's radix-tree figures and group lag, each
// reply compared byte for byte in RESP2 and RESP3. Replies that hold
// delivery or idle times are not sent. (The small-stream cases are in
// differential.test.ts and differential-random.test.ts.)
import { describe } from 'vitest';
import { compareSeededScripts, hasRedis, seededRandom, useDifferentialServers } from './helpers.js';

function script(seed: number): string[][] {
  const next = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const int = (low: number, high: number) => low + Math.floor(next() * (high - low + 1));
  let ms = 1;
  // Increasing IDs, sometimes several in one millisecond.
  const nextId = () => {
    if (next() < 0.7) ms += int(1, 3);
    return `${ms}-*`;
  };
  const id = () => `${int(0, ms + 2)}-${int(0, 2)}`;
  const bound = () => pick(['-', '+', id(), `(${id()}`, String(int(0, ms))]);
  const fields = () =>
    Array.from({ length: int(1, 3) }, () => [pick(['f', 'g', 'name']), String(int(0, 99))]).flat();
  const commands: string[][] = [
    ['CONFIG', 'SET', 'stream-node-max-entries', pick(['5', '10', '100'])],
  ];
  for (let i = 0; i < 300; i++) commands.push(['XADD', 's', nextId(), ...fields()]);
  commands.push(
    ['XGROUP', 'CREATE', 's', 'g', '0'],
    ['XGROUP', 'CREATE', 's', 'h', '$'],
    ['XINFO', 'STREAM', 's'],
  );
  const makers: (() => string[])[] = [
    () => ['XADD', 's', nextId(), ...fields()],
    () => [
      'XADD',
      's',
      pick(['MAXLEN', 'MINID']),
      pick(['~', '=']),
      pick([String(int(0, 400)), id()]),
      ...(next() < 0.3 ? ['LIMIT', String(int(0, 50))] : []),
      nextId(),
      ...fields(),
    ],
    () => [
      pick(['XRANGE', 'XREVRANGE']),
      's',
      bound(),
      bound(),
      ...(next() < 0.6 ? ['COUNT', String(int(0, 20))] : []),
    ],
    () => ['XDEL', 's', ...Array.from({ length: int(1, 12) }, id)],
    () => [
      'XTRIM',
      's',
      pick(['MAXLEN', 'MINID']),
      ...(next() < 0.5 ? ['~'] : []),
      next() < 0.5 ? String(int(0, 400)) : id(),
      ...(next() < 0.2 ? ['LIMIT', String(int(0, 60))] : []),
    ],
    () => ['XLEN', 's'],
    () => [
      'XREADGROUP',
      'GROUP',
      pick(['g', 'h']),
      pick(['c1', 'c2']),
      'COUNT',
      String(int(1, 15)),
      ...(next() < 0.1 ? ['NOACK'] : []),
      'STREAMS',
      's',
      pick(['>', '>', '0', id()]),
    ],
    () => ['XACK', 's', pick(['g', 'h']), ...Array.from({ length: int(1, 8) }, id)],
    () => ['XPENDING', 's', pick(['g', 'h'])],
    () => [
      'XCLAIM',
      's',
      pick(['g', 'h']),
      pick(['c1', 'c2', 'c3']),
      '0',
      ...Array.from({ length: int(1, 5) }, id),
      'JUSTID',
    ],
    () => [
      'XAUTOCLAIM',
      's',
      pick(['g', 'h']),
      pick(['c1', 'c2']),
      '0',
      pick(['0', id()]),
      'COUNT',
      String(int(1, 20)),
      'JUSTID',
    ],
    () => ['XGROUP', 'SETID', 's', pick(['g', 'h']), pick(['0', '$', id()])],
    () => ['XINFO', 'STREAM', 's'],
    () => ['XINFO', 'GROUPS', 's'],
  ];
  for (let i = 0; i < 250; i++) commands.push(pick(makers)());
  commands.push(
    ['XINFO', 'STREAM', 's'],
    ['XINFO', 'GROUPS', 's'],
    ['XRANGE', 's', '-', '+'],
    ['CONFIG', 'SET', 'stream-node-max-entries', '100'],
  );
  return commands;
}

describe.skipIf(!hasRedis())('differential: large streams, random changes and groups', () => {
  const ports = useDifferentialServers();

  // XINFO STREAM's reply shows the radix tree the script built.
  compareSeededScripts(ports, [1, 2, 3, 4, 5, 6], script, 'radix-tree-nodes');
});
