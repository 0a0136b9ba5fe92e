/**
 * ASCII sparklines, as Redis's sparkline.c draws LATENCY GRAPH: each
 * sample a column, its height in rows of `_o#` (filled), and each
 * sample's label written downwards under it, one character per row.
 *
 * @module
 */

const CHARSET_FILL = '_o#';
const LABEL_MARGIN_TOP = 1;

export interface SparklineSample {
  readonly value: number;
  /** Written under the column, top to bottom; '' for none. */
  readonly label: string;
}

/**
 * `samples` drawn `rows` high, in blocks of at most `columns` columns (a
 * blank line between blocks), each line ending in "\n", as Redis's
 * sparklineRender with SPARKLINE_FILL.
 */
export function renderSparkline(
  samples: readonly SparklineSample[],
  columns: number,
  rows: number,
): string {
  let min = 0;
  let max = 0;
  samples.forEach(({ value }, i) => {
    if (i === 0) {
      min = max = value;
    } else if (value < min) {
      min = value;
    } else if (value > max) {
      max = value;
    }
  });
  const labels = samples.filter((sample) => sample.label !== '').length;
  let output = '';
  for (let offset = 0; offset < samples.length; offset += columns) {
    if (offset !== 0) output += '\n';
    const block = samples.slice(offset, offset + columns);
    output += renderRange(block, min, max, labels, rows);
  }
  return output;
}

function renderRange(
  samples: readonly SparklineSample[],
  min: number,
  max: number,
  labels: number,
  rows: number,
): string {
  const relmax = max - min === 0 ? 1 : max - min;
  const steps = CHARSET_FILL.length * rows;
  let output = '';
  for (let row = 0; ; row++) {
    let more = false;
    const chars: string[] = new Array(samples.length).fill(' ');
    for (let j = 0; j < samples.length; j++) {
      const sample = samples[j]!;
      // C's `(int)(relval * steps) / relmax`, truncated again into an int.
      let step = Math.trunc(Math.trunc((sample.value - min) * steps) / relmax);
      if (step < 0) step = 0;
      if (step >= steps) step = steps - 1;
      if (row < rows) {
        const index = step - (rows - row - 1) * CHARSET_FILL.length;
        more = true;
        if (index >= 0 && index < CHARSET_FILL.length) chars[j] = CHARSET_FILL[index]!;
        else if (index >= CHARSET_FILL.length) chars[j] = '|';
      } else {
        // One blank line between the graph and the labels.
        if (labels > 0 && row - rows < LABEL_MARGIN_TOP) {
          more = true;
          break;
        }
        const at = row - rows - LABEL_MARGIN_TOP;
        if (sample.label !== '' && sample.label.length > at) {
          more = true;
          chars[j] = sample.label[at]!;
        }
      }
    }
    if (!more) return output;
    output += `${chars.join('')}\n`;
  }
}
