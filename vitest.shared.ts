/**
 * The one vitest configuration every workspace builds its own from.
 *
 * Tests resolve sibling packages through the `@mini-redis/source` export
 * condition, so they always run against source, never a stale `dist/`. Each
 * workspace writes a JSON report that `.ci/run` sums into its closing line.
 */
import { defineProject } from 'vitest/config';

export function workspaceConfig(
  name: string,
  options: { testTimeout?: number; isolate?: boolean } = {},
) {
  return defineProject({
    resolve: { conditions: ['@mini-redis/source'] },
    ssr: { resolve: { conditions: ['@mini-redis/source'] } },
    test: {
      name,
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      testTimeout: options.testTimeout ?? 20_000,
      hookTimeout: 30_000,
      // Off for a workspace whose test files each build their own state:
      // re-importing its modules for every file is then pure cost.
      isolate: options.isolate ?? true,
    },
  });
}
