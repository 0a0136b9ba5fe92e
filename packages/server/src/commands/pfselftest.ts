/**
 * PFSELFTEST: the self-test of the HyperLogLog implementation
 * (hyperloglog.ts), as Redis's pfselftestCommand runs it. First, 1,000
 * rounds of every dense register set to a random value and read back
 * (a register must keep its value and leave its neighbours alone). Then
 * 10,000,000 elements added to a dense sketch and to one that starts
 * sparse; at 1, 10, 100, ... elements the sparse one must still be sparse
 * while it is small, both must estimate the same cardinality, and the
 * estimate must be within six standard errors (Redis's bound; one element
 * off at 10). OK, or the first failure as Redis words it ("ERR TESTFAILED ...").
 * It takes seconds, and the server serves nothing meanwhile, as in Redis.
 *
 * ```text
 * PFSELFTEST
 * ```
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import { type Command, NO_KEYS } from '../command.js';
import { CommandError } from '../errors.js';
import {
  denseRegister,
  emptyHll,
  estimate,
  HLL_DENSE_SIZE,
  HLL_REGISTERS,
  HllEditor,
  isSparse,
  setDenseRegister,
} from '../hyperloglog.js';

// Redis's HLL_TEST_CYCLES, and the elements of the second test.
const TEST_CYCLES = 1000;
const ELEMENTS = 10_000_000;

export const pfselftest: Command = {
  name: 'pfselftest',
  arity: 1,
  flags: ['admin'],
  keys: NO_KEYS,
  execute({ reply, server }) {
    testRegisters();
    testEstimates(server.config['hll-sparse-max-bytes']);
    reply.ok();
  },
};

// Test 1: the registers of a dense sketch hold what is set, each alone.
function testRegisters(): void {
  const dense = new Uint8Array(HLL_DENSE_SIZE);
  const expected = new Uint8Array(HLL_REGISTERS);
  for (let cycle = 0; cycle < TEST_CYCLES; cycle++) {
    for (let i = 0; i < HLL_REGISTERS; i++) {
      const value = Math.floor(Math.random() * 64);
      expected[i] = value;
      setDenseRegister(dense, i, value);
    }
    for (let i = 0; i < HLL_REGISTERS; i++) {
      const value = denseRegister(dense, i);
      if (value !== expected[i])
        throw new CommandError(
          `ERR TESTFAILED Register ${i} should be ${expected[i]} but is ${value}`,
        );
    }
  }
}

// Test 2: a dense and a sparse sketch fed the same elements agree, and
// estimate within the bound.
function testEstimates(sparseMaxBytes: number): void {
  const dense = new HllEditor(emptyHll(), sparseMaxBytes);
  dense.toDense();
  const sparse = new HllEditor(emptyHll(), sparseMaxBytes);
  const standardError = 1.04 / Math.sqrt(HLL_REGISTERS);
  // Each element is j ^ seed as 8 little-endian bytes, as Redis's
  // uint64_t on x86; the seed's two halves random.
  const seedLow = Math.floor(Math.random() * 2 ** 32);
  const seedHigh = Math.floor(Math.random() * 2 ** 32);
  const element = Buffer.alloc(8);
  let checkpoint = 1;
  for (let j = 1; j <= ELEMENTS; j++) {
    element.writeUInt32LE((j ^ seedLow) >>> 0, 0);
    element.writeUInt32LE(seedHigh, 4);
    dense.add(element);
    sparse.add(element);
    if (j !== checkpoint) continue;
    if (j < sparseMaxBytes / 2 && !isSparse(sparse.bytes()))
      throw new CommandError('ERR TESTFAILED sparse encoding not used');
    const count = estimate(dense.bytes());
    if (count !== estimate(sparse.bytes()))
      throw new CommandError('ERR TESTFAILED dense/sparse disagree');
    const error = Math.abs(checkpoint - (count ?? 0));
    // At 10, a collision is likely enough now and then: one off is allowed.
    const bound = j === 10 ? 1 : Math.ceil(standardError * 6 * checkpoint);
    if (error > bound)
      throw new CommandError(`ERR TESTFAILED Too big error. card:${checkpoint} abserr:${error}`);
    checkpoint *= 10;
  }
}
