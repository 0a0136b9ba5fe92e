// Sparklines as Redis's sparkline.c draws LATENCY GRAPH's.
import { expect, it } from 'vitest';
import { renderSparkline } from './sparkline.js';

it("draws one sample as redis-server's LATENCY GRAPH does", () => {
  // redis-server 7.0, one `command` spike: the graph under the rule.
  expect(renderSparkline([{ value: 2, label: '0s' }], 80, 4)).toBe(' \n \n \n_\n \n0\ns\n');
});

it('scales samples between their minimum and maximum, filling below each', () => {
  const samples = [
    { value: 1, label: '2s' },
    { value: 5, label: '1s' },
    { value: 10, label: '0s' },
  ];
  // 4 rows of 3 steps: 1 is step 0 (`_`), 5 is step 5, 10 the top, 11.
  expect(renderSparkline(samples, 80, 4)).toBe('  #\n  |\n #|\n_||\n   \n210\nsss\n');
});

it('splits more samples than columns into blocks, a blank line between', () => {
  const samples = [1, 2, 3].map((value) => ({ value, label: '' }));
  // Without labels there is no spacing row.
  expect(renderSparkline(samples, 2, 1)).toBe('_o\n\n#\n');
});
