// The latency monitor: one sample per event class and second, 160 kept,
// and LATENCY DOCTOR's report.
import { describe, expect, it } from 'vitest';
import { LATENCY_SAMPLES, LatencyMonitor, latencyReport } from './latency-monitor.js';

const SECOND = 1000;
const T0 = 1_700_000_000 * SECOND;

describe('LatencyMonitor', () => {
  it('keeps the largest spike of a second, and the all-time maximum', () => {
    const monitor = new LatencyMonitor();
    monitor.add('command', 5, T0);
    monitor.add('command', 3, T0 + 200);
    monitor.add('command', 9, T0 + 900);
    monitor.add('command', 2, T0 + SECOND);
    const series = monitor.events.get('command')!;
    expect(series.inOrder()).toEqual([
      { time: T0 / SECOND, latency: 9 },
      { time: T0 / SECOND + 1, latency: 2 },
    ]);
    expect(series.latest).toEqual({ time: T0 / SECOND + 1, latency: 2 });
    expect(series.max).toBe(9);
  });

  it('keeps the last 160 seconds with spikes', () => {
    const monitor = new LatencyMonitor();
    for (let i = 0; i < LATENCY_SAMPLES + 5; i++) monitor.add('fast-command', i, T0 + i * SECOND);
    const samples = monitor.events.get('fast-command')!.inOrder();
    expect(samples).toHaveLength(LATENCY_SAMPLES);
    expect(samples[0]!.latency).toBe(5);
    expect(samples.at(-1)!.latency).toBe(LATENCY_SAMPLES + 4);
  });

  it('resets one class in any case, or all', () => {
    const monitor = new LatencyMonitor();
    monitor.add('command', 1, T0);
    monitor.add('fast-command', 1, T0);
    expect(monitor.reset('COMMAND')).toBe(1);
    expect(monitor.reset('nosuch')).toBe(0);
    expect([...monitor.events.keys()]).toEqual(['fast-command']);
    expect(monitor.reset()).toBe(1);
    expect(monitor.events.size).toBe(0);
  });

  it('graphs a class with labels of how long ago', () => {
    const monitor = new LatencyMonitor();
    monitor.add('command', 4, T0);
    monitor.add('command', 8, T0 + 90 * SECOND);
    expect(monitor.graph('command', T0 + 120 * SECOND)).toBe(
      'command - high 8 ms, low 4 ms (all time high 8 ms)\n' +
        `${'-'.repeat(80)}\n` +
        ' #\n |\n |\n_|\n  \n23\nm0\n s\n',
    );
    expect(monitor.graph('COMMAND')).toBeUndefined();
  });
});

describe('latencyReport', () => {
  const settings = { slowlogSlowerThan: 10_000, threshold: 1 };

  it('says the monitor is off, or that nothing was seen', () => {
    const monitor = new LatencyMonitor();
    expect(latencyReport(monitor, { ...settings, threshold: 0 })).toMatch(
      /^I'm sorry, Dave, I can't do that\. Latency monitoring is disabled/,
    );
    expect(latencyReport(monitor, settings)).toBe(
      'Dave, no latency spike was observed during the lifetime of this Redis instance, not in the slightest bit. I honestly think you ought to sit down calmly, take a stress pill, and think things over.\n',
    );
  });

  it('reports each class with its mean, deviation and period, then the advice', () => {
    const monitor = new LatencyMonitor();
    monitor.add('command', 2, T0);
    monitor.add('command', 6, T0 + 3 * SECOND);
    monitor.add('fast-command', 1, T0);
    const report = latencyReport(monitor, { slowlogSlowerThan: -1, threshold: 1 }, T0 + 4 * SECOND);
    expect(report.split('\n').slice(0, 5)).toEqual([
      "Dave, I have observed latency spikes in this Redis instance. You don't mind talking about it, do you Dave?",
      '',
      '1. command: 2 latency spikes (average 4ms, mean deviation 2ms, period 2.00 sec). Worst all time event 6ms.',
      '2. fast-command: 1 latency spikes (average 1ms, mean deviation 0ms, period 4.00 sec). Worst all time event 1ms.',
      '',
    ]);
    expect(report).toContain(
      "Try to enable the Slow Log Redis feature using the command 'CONFIG SET slowlog-log-slower-than 1000'.",
    );
    expect(report).toContain(
      '- The system is slow to execute Redis code paths not containing system calls.',
    );
    expect(report).toContain('- Deleting, expiring or evicting');
  });
});
