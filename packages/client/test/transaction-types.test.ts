// The types of transactions: exec() can resolve null only where a WATCH
// can abort it, a pool lease. Checked by the type check (`npm run
// typecheck` covers test/); at run time the assertions are no-ops.
import { describe, expectTypeOf, it } from 'vitest';
import type { LeasedClient, RedisClient } from '../src/index.js';

describe('multi() types', () => {
  it('types exec() as nullable on a lease only, and a leased client is still a RedisClient', () => {
    const shared = {} as RedisClient;
    const leased = {} as LeasedClient;
    const run = () => {
      expectTypeOf(shared.multi().get('k').incr('n').exec()).toEqualTypeOf<
        Promise<[string | null, number]>
      >();
      expectTypeOf(leased.multi().get('k').incr('n').exec()).toEqualTypeOf<
        Promise<[string | null, number] | null>
      >();
      // A pipeline is no transaction: no WATCH can abort it.
      expectTypeOf(leased.pipeline().get('k').exec()).toEqualTypeOf<Promise<[string | null]>>();
      const asClient: RedisClient = leased;
      return asClient;
    };
    // Only the types are under test: nothing runs against the empty objects.
    expectTypeOf(run).toBeFunction();
  });
});
