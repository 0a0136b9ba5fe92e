/**
 * The latency monitor (LATENCY LATEST, HISTORY, GRAPH, DOCTOR, RESET), as
 * Redis's latency.c: while `latency-monitor-threshold` is above 0, every
 * event that takes at least that many milliseconds is kept as a sample of
 * its class. This server's classes are `command` (a command not flagged
 * fast) and `fast-command`; Redis's others (fork, AOF, eviction...) are
 * about machinery this server does not have.
 *
 * Each class keeps its last 160 samples, one per second (a later spike in
 * the same second replaces a smaller one), and its all-time maximum.
 *
 * @module
 */

import { renderSparkline, type SparklineSample } from './internal/sparkline.js';

/** Samples kept per event class; Redis's LATENCY_TS_LEN. */
export const LATENCY_SAMPLES = 160;

interface Sample {
  /** Unix seconds; 0 for a slot not used yet. */
  time: number;
  /** Milliseconds. */
  latency: number;
}

/** One event class's samples: a ring of LATENCY_SAMPLES. */
export class LatencySeries {
  readonly samples: Sample[] = Array.from({ length: LATENCY_SAMPLES }, () => ({
    time: 0,
    latency: 0,
  }));
  /** The slot the next sample goes to. */
  next = 0;
  /** The highest latency ever sampled, in milliseconds. */
  max = 0;

  /** The samples in use, oldest first. */
  inOrder(): Sample[] {
    const ordered: Sample[] = [];
    for (let j = 0; j < LATENCY_SAMPLES; j++) {
      const sample = this.samples[(this.next + j) % LATENCY_SAMPLES]!;
      if (sample.time !== 0) ordered.push(sample);
    }
    return ordered;
  }

  /** The latest sample (a zero one when none). */
  get latest(): Sample {
    return this.samples[(this.next + LATENCY_SAMPLES - 1) % LATENCY_SAMPLES]!;
  }
}

export class LatencyMonitor {
  readonly #events = new Map<string, LatencySeries>();

  /** The event classes sampled so far, by name, in first-sample order. */
  get events(): ReadonlyMap<string, LatencySeries> {
    return this.#events;
  }

  /**
   * Samples `latency` milliseconds of `event` at `now` (Unix ms), as
   * Redis's latencyAddSample (the caller checks the threshold).
   */
  add(event: string, latency: number, now = Date.now()): void {
    let series = this.#events.get(event);
    if (series === undefined) {
      series = new LatencySeries();
      this.#events.set(event, series);
    }
    if (latency > series.max) series.max = latency;
    const time = Math.floor(now / 1000);
    const previous = series.latest;
    if (previous.time === time) {
      if (latency > previous.latency) previous.latency = latency;
      return;
    }
    const slot = series.samples[series.next]!;
    slot.time = time;
    slot.latency = latency;
    series.next = (series.next + 1) % LATENCY_SAMPLES;
  }

  /**
   * LATENCY RESET: forgets `event`'s samples (any case), or every class's
   * when `event` is undefined; how many classes were forgotten.
   */
  reset(event?: string): number {
    let resets = 0;
    for (const name of [...this.#events.keys()]) {
      if (event === undefined || name.toLowerCase() === event.toLowerCase()) {
        this.#events.delete(name);
        resets++;
      }
    }
    return resets;
  }

  /**
   * LATENCY GRAPH's text for `event` (exact name), or undefined when it
   * has no samples: a title line, a rule, and a sparkline of its samples
   * labelled with how long ago each was (s, m, h or d).
   */
  graph(event: string, now = Date.now()): string | undefined {
    const series = this.#events.get(event);
    if (series === undefined) return undefined;
    const seconds = Math.floor(now / 1000);
    const samples: SparklineSample[] = [];
    let min = 0;
    let max = 0;
    for (const sample of series.inOrder()) {
      if (samples.length === 0) {
        min = max = sample.latency;
      } else {
        if (sample.latency > max) max = sample.latency;
        if (sample.latency < min) min = sample.latency;
      }
      samples.push({ value: sample.latency, label: ago(seconds - sample.time) });
    }
    return (
      `${event} - high ${max} ms, low ${min} ms (all time high ${series.max} ms)\n` +
      `${'-'.repeat(80)}\n${renderSparkline(samples, 80, 4)}`
    );
  }

  /**
   * The numbers LATENCY DOCTOR reports for one class: its samples, their
   * mean and mean absolute deviation (integer milliseconds, as Redis's
   * integer arithmetic gives them), and the seconds they span (at least 1).
   */
  analyze(
    series: LatencySeries,
    now = Date.now(),
  ): { samples: number; avg: number; mad: number; period: number } {
    const used = series.inOrder();
    if (used.length === 0) return { samples: 0, avg: 0, mad: 0, period: 0 };
    let sum = 0;
    let oldest = 0;
    for (const sample of used) {
      sum += sample.latency;
      if (oldest === 0 || sample.time < oldest) oldest = sample.time;
    }
    const avg = Math.floor(sum / used.length);
    const period = Math.floor(now / 1000) - oldest || 1;
    let deviation = 0;
    for (const sample of used) deviation += Math.abs(avg - sample.latency);
    return { samples: used.length, avg, mad: Math.floor(deviation / used.length), period };
  }
}

// How long ago, as LATENCY GRAPH labels a sample.
function ago(elapsed: number): string {
  if (elapsed < 60) return `${elapsed}s`;
  if (elapsed < 3600) return `${Math.floor(elapsed / 60)}m`;
  if (elapsed < 86_400) return `${Math.floor(elapsed / 3600)}h`;
  return `${Math.floor(elapsed / 86_400)}d`;
}

/**
 * LATENCY DOCTOR's report, in Redis 7.0's words, for the classes sampled
 * so far and the settings given (microseconds and milliseconds). Of
 * Redis's advice, what this server's classes can call for: the slow log's
 * and large objects' for `command`, the scheduler's for `fast-command`.
 */
export function latencyReport(
  monitor: LatencyMonitor,
  settings: { slowlogSlowerThan: number; threshold: number },
  now = Date.now(),
): string {
  if (monitor.events.size === 0 && settings.threshold === 0) {
    return "I'm sorry, Dave, I can't do that. Latency monitoring is disabled in this Redis instance. You may use \"CONFIG SET latency-monitor-threshold <milliseconds>.\" in order to enable it. If we weren't in a deep space mission I'd suggest to take a look at https://redis.io/topics/latency-monitor.\n";
  }
  let report = '';
  let events = 0;
  let advices = 0;
  let slowlogEnabled = false;
  let slowlogTuning = false;
  let slowlogInspect = false;
  let scheduler = false;
  let largeObjects = false;
  for (const [event, series] of monitor.events) {
    events++;
    if (events === 1)
      report +=
        "Dave, I have observed latency spikes in this Redis instance. You don't mind talking about it, do you Dave?\n\n";
    const stats = monitor.analyze(series, now);
    report += `${events}. ${event}: ${stats.samples} latency spikes (average ${stats.avg}ms, mean deviation ${stats.mad}ms, period ${(stats.period / stats.samples).toFixed(2)} sec). Worst all time event ${series.max}ms.`;
    if (event === 'command') {
      if (settings.slowlogSlowerThan < 0) {
        slowlogEnabled = true;
        advices++;
      } else if (Math.trunc(settings.slowlogSlowerThan / 1000) > settings.threshold) {
        slowlogTuning = true;
        advices++;
      }
      slowlogInspect = true;
      largeObjects = true;
      advices += 2;
    }
    if (event === 'fast-command') {
      scheduler = true;
      advices++;
    }
    report += '\n';
  }
  if (events === 0 && advices === 0) {
    return `${report}Dave, no latency spike was observed during the lifetime of this Redis instance, not in the slightest bit. I honestly think you ought to sit down calmly, take a stress pill, and think things over.\n`;
  }
  if (advices === 0) {
    return `${report}\nWhile there are latency events logged, I'm not able to suggest any easy fix. Please use the Redis community to get some help, providing this report in your help request.\n`;
  }
  report += '\nI have a few advices for you:\n\n';
  const threshold = settings.threshold * 1000;
  if (slowlogEnabled)
    report += `- There are latency issues with potentially slow commands you are using. Try to enable the Slow Log Redis feature using the command 'CONFIG SET slowlog-log-slower-than ${threshold}'. If the Slow log is disabled Redis is not able to log slow commands execution for you.\n`;
  if (slowlogTuning)
    report += `- Your current Slow Log configuration only logs events that are slower than your configured latency monitor threshold. Please use 'CONFIG SET slowlog-log-slower-than ${threshold}'.\n`;
  if (slowlogInspect)
    report +=
      '- Check your Slow Log to understand what are the commands you are running which are too slow to execute. Please check https://redis.io/commands/slowlog for more information.\n';
  if (scheduler)
    report +=
      '- The system is slow to execute Redis code paths not containing system calls. This usually means the system does not provide Redis CPU time to run for long periods. You should try to:\n' +
      '  1) Lower the system load.\n' +
      '  2) Use a computer / VM just for Redis if you are running other software in the same system.\n' +
      '  3) Check if you have a "noisy neighbour" problem.\n' +
      "  4) Check with 'redis-cli --intrinsic-latency 100' what is the intrinsic latency in your system.\n" +
      '  5) Check if the problem is allocator-related by recompiling Redis with MALLOC=libc, if you are using Jemalloc. However this may create fragmentation problems.\n';
  if (largeObjects)
    report +=
      '- Deleting, expiring or evicting (because of maxmemory policy) large objects is a blocking operation. If you have very large objects that are often deleted, expired, or evicted, try to fragment those objects into multiple smaller objects.\n';
  return report;
}
