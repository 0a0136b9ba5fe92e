import { fileURLToPath } from 'node:url';
import { readmeExampleDiagnostics, readmeExamples } from '@mini-redis/readme-check';
import { describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

describe('README.md', () => {
  // A whole TypeScript program per README: slow while CI runs every package at once.
  it('type-checks every ```ts example block against the packages', () => {
    expect(readmeExamples(`${packageDir}/README.md`).length).toBeGreaterThan(0);
    expect(readmeExampleDiagnostics(packageDir)).toEqual([]);
  }, 120_000);
});
