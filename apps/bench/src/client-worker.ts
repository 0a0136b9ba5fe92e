/**
 * One measurement of the `client` suite, in a process of its own:
 * `node dist/client-worker.js <client> <port> <callers-1|callers-100|pipelines>`
 * warms up, measures, and prints the sample as one JSON line. With one
 * caller it measures one slice (TOTAL / ONE_CALLER_SLICES operations) of
 * the client's TOTAL, which the suite interleaves with other clients'.
 * With 100 callers it prints two samples, `{ cold, steady }`: the TOTAL
 * operations right after a short warm-up, and TOTAL more once the JIT has
 * settled (see `STEADY_AFTER`).
 *
 * @module
 */

import {
  DRIVER_NAMES,
  FLOOR_NAME,
  type MeasuredName,
  measureCallers,
  measurePipelines,
  ONE_CALLER_SLICES,
  openDriver,
  type Sample,
  STEADY_AFTER,
  TOTAL,
} from './client.js';

const [name, portText, mode] = process.argv.slice(2);
const names: readonly string[] = [...DRIVER_NAMES, FLOOR_NAME];
if (name === undefined || !names.includes(name) || portText === undefined || mode === undefined) {
  console.error('usage: client-worker <client> <port> <callers-1|callers-100|pipelines>');
  process.exit(2);
}
const driver = await openDriver(name as MeasuredName, Number(portText));
let result: Sample | { cold: Sample; steady: Sample };
if (mode === 'pipelines') {
  await measurePipelines(driver); // warm-up
  result = await measurePipelines(driver);
} else if (mode === 'callers-1') {
  await measureCallers(driver, 1, TOTAL / 20); // warm-up
  result = await measureCallers(driver, 1, TOTAL / ONE_CALLER_SLICES);
} else {
  await measureCallers(driver, 100, TOTAL / 10); // warm-up
  const cold = await measureCallers(driver, 100);
  // Up to STEADY_AFTER operations in all, then the steady sample.
  await measureCallers(driver, 100, STEADY_AFTER - TOTAL / 10 - TOTAL);
  const steady = await measureCallers(driver, 100);
  result = { cold, steady };
}
await driver.close();
console.log(JSON.stringify(result));
