// The HyperLogLog sketch: hashing, the sparse runs, the switch to dense,
// and the estimate, checked against what redis-server 7.0.15 holds and
// replies for the same elements.
import { describe, expect, it } from 'vitest';
import {
  cachedCardinality,
  describeSparse,
  emptyHll,
  estimate,
  HLL_DENSE_SIZE,
  HllEditor,
  isHll,
  isSparse,
  mergeRegisters,
} from './hyperloglog.js';

const bytes = (text: string) => Buffer.from(text, 'latin1');

function sketchOf(elements: string[], sparseMaxBytes = 3000): HllEditor {
  const editor = new HllEditor(emptyHll(), sparseMaxBytes);
  for (const element of elements) editor.add(bytes(element));
  editor.invalidateCache();
  return editor;
}

describe('HyperLogLog', () => {
  it('starts sparse: one XZERO run over 16384 registers, a valid cached 0', () => {
    const empty = emptyHll();
    expect(empty.toString('hex')).toBe(`48594c4c01000000${'00'.repeat(8)}7fff`);
    expect(isHll(empty)).toBe(true);
    expect(cachedCardinality(empty)).toBe(0);
  });

  it("hashes elements to Redis's registers and runs (MurmurHash64A)", () => {
    // As PFADD h a leaves it in redis-server: register 12711 at 2.
    expect(sketchOf(['a']).bytes().toString('hex')).toBe(
      `48594c4c010000000000000000000080${'71a6844e57'}`,
    );
    // PFDEBUG DECODE after PFADD h a b c d e f g, in redis-server.
    expect(describeSparse(sketchOf([...'abcdefg']).bytes())).toBe(
      'Z:1646 v:1,1 Z:5645 v:1,1 Z:1085 v:2,1 z:57 v:1,1 Z:4274 v:2,1 Z:2445 v:1,1 Z:622 v:1,1 Z:603',
    );
    expect(estimate(sketchOf([...'abcdefg']).bytes())).toBe(7);
  });

  it('turns dense past hll-sparse-max-bytes, with the same registers and estimate', () => {
    const elements = Array.from({ length: 2000 }, (_, i) => `element:${i}`);
    const sparse = sketchOf(elements, 1_000_000).bytes();
    const dense = sketchOf(elements, 3000).bytes();
    expect(isSparse(sparse)).toBe(true);
    expect(isSparse(dense)).toBe(false);
    expect(dense.length).toBe(HLL_DENSE_SIZE);
    expect(estimate(sparse)).toBe(estimate(dense));
    const max = new Uint8Array(16384);
    const maxDense = new Uint8Array(16384);
    expect(mergeRegisters(max, sparse)).toBe(true);
    expect(mergeRegisters(maxDense, dense)).toBe(true);
    expect(max).toEqual(maxDense);
    // Within HyperLogLog's error (0.81%, here up to 3 of it).
    expect(Math.abs(estimate(dense)! - 2000)).toBeLessThan(2000 * 0.0243);
  });

  it('refuses strings that are not sketches, and corrupt sparse runs', () => {
    expect(isHll(bytes('HYLL'))).toBe(false);
    expect(isHll(bytes(`HYLL\x02${'\0'.repeat(11)}`))).toBe(false);
    // Dense, but not 12304 bytes long.
    expect(isHll(bytes(`HYLL\x00${'\0'.repeat(13)}`))).toBe(false);
    // Sparse runs covering 100 registers.
    const corrupt = bytes(`HYLL\x01${'\0'.repeat(10)}\x80\x40\x63`);
    expect(isHll(corrupt)).toBe(true);
    expect(estimate(corrupt)).toBeUndefined();
    expect(new HllEditor(corrupt, 3000).toDense()).toBe(false);
  });
});
