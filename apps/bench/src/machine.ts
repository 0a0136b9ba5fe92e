/**
 * How much of the machine the suites actually had: the share of CPU time
 * the hypervisor gave to other guests ("steal", from Linux's /proc/stat)
 * while a suite ran. On a shared virtual machine it moves every figure,
 * and a round trip the most (each one waits for two sleeping virtual CPUs
 * to be woken); a suite prints it so a run can be read for what it is.
 *
 * @module
 */

import { readFileSync } from 'node:fs';

/** The machine's CPU time so far, in clock ticks: all of it and the stolen part. */
export interface CpuTicks {
  readonly total: number;
  readonly steal: number;
}

/** The machine's CPU ticks now; null where /proc/stat is not there (not Linux). */
export function cpuTicks(): CpuTicks | null {
  let text: string;
  try {
    text = readFileSync('/proc/stat', 'latin1');
  } catch {
    return null;
  }
  // "cpu  user nice system idle iowait irq softirq steal guest guest_nice":
  // guest time is already counted in user, so the first eight are the total.
  const fields = text.slice(0, text.indexOf('\n')).trim().split(/\s+/).slice(1, 9).map(Number);
  if (fields.length < 8 || fields.some((n) => !Number.isFinite(n))) return null;
  return { total: fields.reduce((a, b) => a + b, 0), steal: fields[7]! };
}

/** The stolen share of the CPU time between two readings, as "12.3% of CPU time stolen", or null. */
export function stealBetween(before: CpuTicks | null, after: CpuTicks | null): string | null {
  if (before === null || after === null || after.total <= before.total) return null;
  const share = ((after.steal - before.steal) / (after.total - before.total)) * 100;
  return `${share.toFixed(1)}% of CPU time stolen by the hypervisor`;
}
