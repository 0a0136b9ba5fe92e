// HyperLogLogs against a real redis-server: seeded random PFADDs that
// take sketches from sparse through their VAL-run merges to dense (by a
// register past 32 and by hll-sparse-max-bytes), PFCOUNT of one key (with
// its cached cardinality) and of unions, PFMERGE into sparse and dense
// destinations, PFDEBUG, and GET of the raw bytes after each step, so the
// sketches themselves, not only the counts, must be redis-server's. Every
// reply compared byte for byte in RESP2 and RESP3.
import { describe } from 'vitest';
import { compareSeededScripts, hasRedis, seededRandom, useDifferentialServers } from './helpers.js';

function script(seed: number): string[][] {
  const next = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const int = (low: number, high: number) => low + Math.floor(next() * (high - low + 1));
  const element = () => `e${int(0, 20000)}`;
  const key = () => pick(['h1', 'h2', 'h3', 'small']);
  const commands: string[][] = [
    ['CONFIG', 'SET', 'hll-sparse-max-bytes', pick(['3000', '200', '12000'])],
  ];
  // Grow h1 in steps, past the sparse limit, with a GET after each.
  for (let step = 0; step < 12; step++) {
    commands.push(['PFADD', 'h1', ...Array.from({ length: int(1, 300) }, element)]);
    commands.push(['GET', 'h1'], ['PFCOUNT', 'h1'], ['PFDEBUG', 'ENCODING', 'h1']);
  }
  const makers: (() => string[])[] = [
    () => ['PFADD', key(), ...Array.from({ length: int(0, 40) }, element)],
    () => ['PFADD', 'small', element()],
    () => ['PFCOUNT', key()],
    () => ['PFCOUNT', key(), key(), ...(next() < 0.5 ? ['nokey'] : [])],
    () => ['PFMERGE', pick(['h2', 'h3', 'dst']), key(), key()],
    () => ['GET', pick(['h2', 'h3', 'dst', 'small'])],
    () => ['PFDEBUG', pick(['ENCODING', 'DECODE']), key()],
    () => ['PFDEBUG', 'GETREG', 'small'],
  ];
  for (let i = 0; i < 150; i++) commands.push(pick(makers)());
  commands.push(['GET', 'h1'], ['GET', 'h2'], ['GET', 'h3'], ['GET', 'dst'], ['GET', 'small']);
  commands.push(['CONFIG', 'SET', 'hll-sparse-max-bytes', '3000']);
  return commands;
}

describe.skipIf(!hasRedis())('differential: HyperLogLogs, random adds, counts and merges', () => {
  const ports = useDifferentialServers();

  compareSeededScripts(ports, [1, 2, 3, 4, 5, 6], script, '+dense');
});
