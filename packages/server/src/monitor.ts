/**
 * The MONITOR feed: every command the server runs, as one line per command,
 * to every connection that sent MONITOR.
 *
 * A line is Redis's: `+<seconds>.<microseconds> [<db> <addr>] "arg" "arg"`,
 * a status reply in either protocol, each argument quoted and escaped as
 * Redis's `sdscatrepr` does. It is written after the command ran (so it
 * shows the database the command left selected) and only for commands
 * that ran: a command refused before running (unknown, wrong arity,
 * NOAUTH, ...) is not shown, except EXEC, whose refusal ends a transaction.
 * Administrative commands (CONFIG, CLIENT LIST, MONITOR, ...: Redis's
 * `admin` flag) are never shown, and the passwords of AUTH and HELLO are
 * shown as "(redacted)", as Redis does.
 *
 * The lines are fanned out through a @mini-redis/channels `broadcast`, as
 * pub/sub messages are: each monitor holds one receiver, so a monitor that
 * stops reading costs bounded memory and is disconnected when it falls
 * behind (the handler's pump). While nobody monitors, the dispatcher's
 * cost is one boolean check per command.
 *
 * @module
 */

import { broadcast } from '@mini-redis/channels';
import type { RequestArgs } from '@mini-redis/resp';
import type { Command } from './command.js';
import { redactedArguments } from './internal/redaction.js';
import { COMMAND_INFO } from './internal/redis-commands.js';
import { repr } from './internal/repr.js';
import { wallClockMicros } from './internal/wall-clock.js';
import type { DocValue } from './internal/write-command-reference.js';
import type { Session } from './session.js';

// Full names (`config|get`) of the commands and subcommands Redis flags
// `admin`, read from its COMMAND INFO: Redis never shows them to monitors.
const ADMIN = adminNames();

function adminNames(): ReadonlySet<string> {
  const names = new Set<string>();
  const visit = (info: readonly DocValue[]) => {
    const flags = info[2] as { $set: { $simple: string }[] };
    if (flags.$set.some((flag) => flag.$simple === 'admin')) names.add(info[0] as string);
    // A container's subcommands are an array of their own infos (an
    // empty set for other commands).
    const subcommands = info[9];
    if (Array.isArray(subcommands)) for (const sub of subcommands) visit(sub);
  };
  for (const info of Object.values(COMMAND_INFO)) visit(info);
  return names;
}

export class MonitorFeed {
  readonly #capacity: number;
  #sender: broadcast.BroadcastSender<string> | null = null;
  readonly #monitors = new Set<Session>();
  /** Whether any connection monitors: what the dispatcher checks first. */
  active = false;

  /** @param capacity lines kept for the slowest monitor before it is disconnected. */
  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  /** Makes `session` a monitor: sets its receiver of every line from now on. */
  subscribe(session: Session): broadcast.BroadcastReceiver<string> {
    this.active = true;
    this.#monitors.add(session);
    let receiver: broadcast.BroadcastReceiver<string>;
    if (this.#sender !== null) {
      receiver = this.#sender.subscribe();
    } else {
      [this.#sender, receiver] = broadcast.channel<string>(this.#capacity);
    }
    session.monitor = receiver;
    return receiver;
  }

  /** Ends `session`'s monitoring; the feed goes quiet after the last. */
  unsubscribe(session: Session): void {
    if (session.monitor === null) return;
    session.monitor.close();
    session.monitor = null;
    this.#monitors.delete(session);
    if (this.#monitors.size === 0) {
      this.#sender?.close();
      this.#sender = null;
      this.active = false;
    }
  }

  /**
   * Shows that `session` ran `command` with `args`, unless the command is
   * administrative. Call it only while `active`.
   */
  feed(session: Session, command: Command, args: RequestArgs): void {
    if (this.#sender === null || isAdmin(command, args)) return;
    this.#sender.send(monitorLine(session, command.name, args));
    // Redis appends the line to each monitor's output at once. Most
    // monitors' lines keep their order through their pump; two cases need
    // them written now. A monitor's own command is followed by its line
    // right after its reply, not after the rest of its pipeline. And a
    // monitor that also subscribes gets a message a PUBLISH sent before
    // the PUBLISH's line, not after it (its two pumps run in no set order).
    // Written for another connection, the output waits for that one's
    // pump, which the line woke, and which bounds it.
    for (const monitor of this.#monitors) {
      if (monitor === session || monitor.subscribed) monitor.deliverMessages();
    }
  }
}

function isAdmin(command: Command, args: RequestArgs): boolean {
  if (ADMIN.has(command.name)) return true;
  if (command.subcommands === undefined || args.length < 2) return false;
  return ADMIN.has(`${command.name}|${args.latin1(1).toLowerCase()}`);
}

/**
 * The line a monitor receives for `args`, as Redis's replicationFeedMonitors
 * writes it, without the status reply's `+` and CRLF (every byte of it is
 * printable ASCII).
 */
export function monitorLine(session: Session, name: string, args: RequestArgs): string {
  const now = wallClockMicros();
  const seconds = Math.floor(now / 1_000_000);
  // Redis names a Unix socket's client by the socket, not by `path:0`.
  const source = session.unixSocket === null ? session.remoteAddress : `unix:${session.unixSocket}`;
  let line = `${seconds}.${String(now % 1_000_000).padStart(6, '0')} [${session.db} ${source}]`;
  const redacted = redactedArguments(name, args);
  for (let i = 0; i < args.length; i++) {
    line += redacted.has(i) ? ' "(redacted)"' : ` ${repr(args.buffer(i))}`;
  }
  return line;
}
