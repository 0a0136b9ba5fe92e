/**
 * LATENCY: the latency monitor's samples (latency-monitor.ts) and each
 * command's latency histogram (stats.ts).
 *
 * - LATEST: per event class, the latest sample's time and milliseconds,
 *   and the all-time maximum;
 * - HISTORY event: the class's samples, oldest first, as [time, ms];
 * - GRAPH event: an ASCII graph of them;
 * - DOCTOR: Redis's human-readable report and advice;
 * - RESET [event ...]: forgets classes (all without names), replying how many;
 * - HISTOGRAM [command ...]: per command (all that ran without names; a
 *   container's name gives its subcommands), its calls and the cumulative
 *   count of calls at or under each power-of-two microseconds.
 *
 * ```text
 * LATENCY LATEST | LATENCY HISTORY event | LATENCY GRAPH event | LATENCY DOCTOR
 *   | LATENCY RESET [event ...] | LATENCY HISTOGRAM [command ...] | LATENCY HELP
 * ```
 *
 * @module
 */

import type { ReplyEncoder, RequestArgs } from '@mini-redis/resp';
import { type Command, type CommandContext, NO_KEYS } from '../command.js';
import { CommandError, Replies } from '../errors.js';
import { quoted } from '../internal/args.js';
import { replyHelp } from '../internal/help.js';
import { latencyReport } from '../latency-monitor.js';
import type { CommandStats } from '../stats.js';

// Redis 7.0's lines.
const HELP = [
  'DOCTOR',
  '    Return a human readable latency analysis report.',
  'GRAPH <event>',
  '    Return an ASCII latency graph for the <event> class.',
  'HISTORY <event>',
  '    Return time-latency samples for the <event> class.',
  'LATEST',
  '    Return the latest latency samples for all events.',
  'RESET [<event> ...]',
  '    Reset latency data of one or more <event> classes.',
  '    (default: reset all data for all event classes)',
  'HISTOGRAM [COMMAND ...]',
  '    Return a cumulative distribution of latencies in the format of a histogram for the specified command names.',
  '    If no commands are specified then all histograms are replied.',
];

export const latency: Command = {
  name: 'latency',
  arity: -2,
  flags: [],
  keys: NO_KEYS,
  subcommands: new Map([
    ['latest', 2],
    ['history', 3],
    ['graph', 3],
    ['doctor', 2],
    ['reset', -2],
    ['histogram', -2],
    ['help', 2],
  ]),
  execute(context, args) {
    const { reply, server } = context;
    const monitor = server.latency;
    switch (args.latin1(1).toLowerCase()) {
      case 'latest':
        reply.arrayHeader(monitor.events.size);
        for (const [event, series] of monitor.events) {
          const latest = series.latest;
          reply.arrayHeader(4);
          reply.bulk(event);
          reply.integer(latest.time);
          reply.integer(latest.latency);
          reply.integer(series.max);
        }
        return;
      case 'history': {
        // Event names are matched exactly here, as Redis's dictionary does.
        const samples = monitor.events.get(args.latin1(2))?.inOrder() ?? [];
        reply.arrayHeader(samples.length);
        for (const sample of samples) {
          reply.arrayHeader(2);
          reply.integer(sample.time);
          reply.integer(sample.latency);
        }
        return;
      }
      case 'graph': {
        const graph = monitor.graph(args.latin1(2));
        if (graph === undefined)
          throw new CommandError(`ERR No samples available for event '${args.latin1(2)}'`);
        reply.verbatim('txt', graph);
        return;
      }
      case 'doctor':
        reply.verbatim(
          'txt',
          latencyReport(monitor, {
            slowlogSlowerThan: server.config['slowlog-log-slower-than'],
            threshold: server.config['latency-monitor-threshold'],
          }),
        );
        return;
      case 'reset': {
        if (args.length === 2) {
          reply.integer(monitor.reset());
          return;
        }
        let resets = 0;
        for (let i = 2; i < args.length; i++) resets += monitor.reset(args.latin1(i));
        reply.integer(resets);
        return;
      }
      case 'histogram':
        histogram(context, args);
        return;
      case 'help':
        replyHelp(reply, 'LATENCY', HELP);
        return;
      default:
        throw new CommandError(Replies.unknownSubcommand(quoted(args, 1), 'latency'));
    }
  },
};

// LATENCY HISTOGRAM: a map of command name → { calls, histogram_usec },
// for the commands named (each once per time named) or every one.
function histogram(context: CommandContext, args: RequestArgs): void {
  const { reply, server } = context;
  const stats = server.stats;
  const listed: CommandStats[] = [];
  if (args.length === 2) {
    for (const command of stats.all()) if (command.histogram !== null) listed.push(command);
  } else {
    for (let i = 2; i < args.length; i++) {
      const name = args.latin1(i).toLowerCase();
      const [base, sub, ...rest] = name.split('|');
      const command = server.commands.get(base!);
      // Redis skips a name it does not know.
      if (command === undefined || rest.length > 0) continue;
      if (sub !== undefined && command.subcommands?.has(sub) !== true) continue;
      // Counted under its own name, also when renamed (rename-command).
      const own = stats.lookup(sub === undefined ? command.name : `${command.name}|${sub}`);
      if (own?.histogram) listed.push(own);
      // A container's name stands for its subcommands too.
      if (sub === undefined && command.subcommands !== undefined) {
        for (const entry of stats.all())
          if (entry.histogram !== null && entry.name.startsWith(`${command.name}|`))
            listed.push(entry);
      }
    }
  }
  reply.mapHeader(listed.length);
  for (const command of listed) {
    reply.bulk(command.name);
    writeDistribution(reply, command);
  }
}

function writeDistribution(reply: ReplyEncoder, command: CommandStats): void {
  const histogram = command.histogram!;
  reply.mapHeader(2);
  reply.bulk('calls');
  reply.integer(histogram.totalCount);
  reply.bulk('histogram_usec');
  const buckets = histogram.cumulativeBuckets();
  reply.mapHeader(buckets.length);
  for (const [micros, count] of buckets) {
    reply.integer(micros);
    reply.integer(count);
  }
}
