/**
 * The measuring harness every suite uses: run each case once to warm up,
 * then `runs` times, keep the median, and print a table with each case's
 * rate and its ratio to a named baseline measured in the same run.
 *
 * @module
 */

/** One thing to measure: `run` does `operations` operations and returns a checksum. */
export interface BenchCase {
  readonly name: string;
  readonly operations: number;
  run(): Promise<number>;
  /** The checksum `run` must return; a wrong one aborts the suite (a fast wrong answer is no result). */
  readonly expected?: number;
}

export interface CaseResult {
  readonly name: string;
  readonly medianMs: number;
  readonly opsPerSecond: number;
}

/**
 * Measures every case and returns the results in order.
 *
 * Runs are interleaved: each round times every case once, so a burst of
 * load from elsewhere on the machine slows all cases of a table alike
 * instead of skewing one ratio (measured: a 2-core machine's noise moved
 * ratios by up to 40% when each case ran all its rounds in a block).
 */
export async function measure(cases: readonly BenchCase[], runs = 7): Promise<CaseResult[]> {
  // BENCH_FILTER=text runs only the cases whose name contains it.
  const filter = process.env.BENCH_FILTER;
  const selected = cases.filter(
    (benchCase) => filter === undefined || benchCase.name.includes(filter),
  );
  const times = selected.map((): number[] => []);
  // Round 0 warms up the JIT and is not counted. No forced garbage
  // collection between runs: measured, it throws away optimized code, so
  // each run would time the JIT warming up again.
  for (let round = 0; round <= runs; round++) {
    for (let i = 0; i < selected.length; i++) {
      const benchCase = selected[i]!;
      const start = process.hrtime.bigint();
      const checksum = await benchCase.run();
      const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
      if (benchCase.expected !== undefined && checksum !== benchCase.expected) {
        throw new Error(
          `${benchCase.name}: expected checksum ${benchCase.expected}, got ${checksum}`,
        );
      }
      if (round > 0) times[i]!.push(elapsed);
    }
  }
  return selected.map((benchCase, i) => {
    const sorted = times[i]!.sort((a, b) => a - b);
    const medianMs = sorted[Math.floor(sorted.length / 2)]!;
    return {
      name: benchCase.name,
      medianMs,
      opsPerSecond: (benchCase.operations / medianMs) * 1000,
    };
  });
}

function formatRate(opsPerSecond: number): string {
  if (opsPerSecond >= 1e6) return `${(opsPerSecond / 1e6).toFixed(2)} M/s`;
  if (opsPerSecond >= 1e3) return `${(opsPerSecond / 1e3).toFixed(1)} k/s`;
  return `${opsPerSecond.toFixed(0)} /s`;
}

/** Prints a table of `results`, with ratios against the case named `baseline`. */
export function printTable(title: string, results: readonly CaseResult[], baseline: string): void {
  const base = results.find((r) => r.name === baseline);
  const rows = results.map((r) => [
    r.name,
    `${r.medianMs.toFixed(1)} ms`,
    formatRate(r.opsPerSecond),
    base === undefined ? '' : `${(r.opsPerSecond / base.opsPerSecond).toFixed(2)}x`,
  ]);
  const header = ['case', 'median', 'rate', `vs ${baseline}`];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(`\n${title}`);
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}
