/**
 * `npm run bench [-- suite...]`: runs the named suites (all but the optional
 * ones by default) and
 * prints one table per suite, each case a ratio of the peer measured in the
 * same process run.
 *
 * @module
 */

import { runChannelsSuite } from './channels.js';
import { runClientSuite } from './client.js';
import { runClientCacheSuite } from './client-cache.js';
import { runClientClusterSuite } from './client-cluster.js';
import { cpuTicks, stealBetween } from './machine.js';
import { runRespSuite } from './resp.js';
import { runServerEvictionSuite, runServerSuite, runServerTypesSuite } from './server.js';

const suites: Record<string, () => Promise<void>> = {
  channels: runChannelsSuite,
  resp: runRespSuite,
  server: runServerSuite,
  client: runClientSuite,
};
// Run only when named: they are not the issues' measurements.
const optional: Record<string, () => Promise<void>> = {
  'server-types': runServerTypesSuite,
  'server-eviction': runServerEvictionSuite,
  'client-cache': runClientCacheSuite,
  'client-cluster': runClientClusterSuite,
};
const all = { ...suites, ...optional };

const requested = process.argv.slice(2);
const unknown = requested.filter((name) => !(name in all));
if (unknown.length > 0) {
  console.error(`Unknown suite: ${unknown.join(', ')}. Suites: ${Object.keys(all).join(', ')}`);
  process.exit(1);
}
console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
for (const name of requested.length > 0 ? requested : Object.keys(suites)) {
  const before = cpuTicks();
  await all[name]!();
  // Read with the suite's figures: a high share means a starved machine.
  const steal = stealBetween(before, cpuTicks());
  if (steal !== null) console.log(`\n${name}: during this suite, ${steal}`);
}
