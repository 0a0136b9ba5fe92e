/**
 * One measurement of the `client` suite, in a process of its own:
 * `node dist/client-worker.js <client> <port> <callers-1|callers-100|pipelines>`
 * warms up, measures, and prints the result as one JSON line.
 *
 * @module
 */

import {
  DRIVER_NAMES,
  type DriverName,
  measureCallers,
  measurePipelines,
  openDriver,
  type Result,
  TOTAL,
} from './client.js';

const [name, portText, mode] = process.argv.slice(2);
if (!DRIVER_NAMES.includes(name as DriverName) || portText === undefined || mode === undefined) {
  console.error('usage: client-worker <client> <port> <callers-1|callers-100|pipelines>');
  process.exit(2);
}
const driver = await openDriver(name as DriverName, Number(portText));
let result: Result;
if (mode === 'pipelines') {
  await measurePipelines(driver); // warm-up
  result = { opsPerSecond: await measurePipelines(driver), p50: 0, p99: 0 };
} else {
  const callers = mode === 'callers-1' ? 1 : 100;
  await measureCallers(driver, callers, TOTAL / 10); // warm-up
  result = await measureCallers(driver, callers);
}
await driver.close();
console.log(JSON.stringify(result));
