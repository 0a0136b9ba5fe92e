#!/usr/bin/env node
// Sums the vitest JSON reports that every workspace's `test` script writes to
// `.test-results/vitest.json` and prints the one closing line CI reads.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

let passed = 0;
let failed = 0;
for (const group of ['packages', 'apps']) {
  if (!existsSync(group)) continue;
  for (const name of readdirSync(group)) {
    const report = join(group, name, '.test-results', 'vitest.json');
    if (!existsSync(report)) continue;
    const json = JSON.parse(readFileSync(report, 'utf8'));
    passed += json.numPassedTests;
    // A suite that failed to load has no failed tests but did fail.
    failed +=
      json.numFailedTests + (json.numFailedTestSuites > 0 && json.numFailedTests === 0 ? 1 : 0);
  }
}
console.log(`tests: ${passed} passed, ${failed} failed`);
