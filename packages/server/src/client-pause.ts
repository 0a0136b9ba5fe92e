/**
 * CLIENT PAUSE: the server-wide pause of clients' commands, as Redis's
 * pauseClients. Tools use it for a failover, and tests to see what a
 * client does while its server stalls.
 *
 * A pause has a mode and an end. `all` holds every command; `write` holds
 * the commands that write or may replicate (PUBLISH, PFCOUNT, EVAL and
 * FCALL unless their script or function says `no-writes`, and EXEC of a
 * transaction holding one: invocation-flags.ts), while reads go on. Pausing again keeps the
 * stricter mode and the later end, as Redis does. A command is held after
 * the checks that answer at once (unknown command, arity, authentication,
 * subscribed mode), and before a transaction would queue it: the
 * connection's handler keeps it, and everything the client sent after it,
 * and stops reading the socket until the pause ends (handler.ts). At the
 * end (the deadline's timer, or CLIENT UNPAUSE), the held connections run
 * what they kept, in the order they were held, once the command that ended
 * the pause and the rest of its connection's input have run.
 *
 * @module
 */

import type { RequestArgs } from '@mini-redis/resp';
import type { Command } from './command.js';
import type { Db } from './db.js';
import { invocationFlags } from './invocation-flags.js';
import type { Session } from './session.js';

// setTimeout's longest delay; a later end is reached by re-arming.
const MAX_DELAY = 2_147_483_647;

/** What a pause holds: every command, or those that write. */
export type PauseMode = 'all' | 'write';

export class ClientPause {
  #mode: PauseMode | null = null;
  // The connection whose MIGRATE the server is busy with (busyWith).
  #busy: Session | null = null;
  // Whether either holds anything: one field for dispatch to read.
  #active = false;
  #until = 0;
  #timer: NodeJS.Timeout | null = null;
  // The connections holding a command, in the order they were held, each
  // with the function that runs what it kept.
  readonly #held = new Map<Session, () => void>();

  /** Whether a pause is on (a cheap check on every command). */
  get active(): boolean {
    return this.#active;
  }

  /** Connections holding a command: INFO's `blocked_clients`. */
  get heldCount(): number {
    return this.#held.size;
  }

  /** Whether `session` holds a command (CLIENT LIST's `b` flag). */
  isHolding(session: Session): boolean {
    return this.#held.has(session);
  }

  /**
   * Pauses until `until` (ms since the epoch) in `mode`; over a pause
   * already on, the stricter mode and the later end win.
   */
  pause(until: number, mode: PauseMode): void {
    if (this.#mode !== 'all') this.#mode = mode;
    this.#active = true;
    if (until <= this.#until) return;
    this.#until = until;
    if (this.#timer !== null) clearTimeout(this.#timer);
    const check = () => {
      // A deadline beyond a timer's reach fires early: re-arm.
      const left = this.#until - Date.now();
      if (left > 0) this.#timer = setTimeout(check, Math.min(left, MAX_DELAY));
      else this.unpause();
    };
    this.#timer = setTimeout(check, Math.min(Math.max(until - Date.now(), 0), MAX_DELAY));
  }

  /**
   * Ends the pause. The held connections resume after the current
   * callback (a microtask), so the rest of the input being run now, such
   * as the commands pipelined after CLIENT UNPAUSE, goes first, as in Redis.
   */
  unpause(): void {
    this.#mode = null;
    this.#active = this.#busy !== null;
    this.#until = 0;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#resumeHeld();
  }

  /**
   * Holds every command of every connection but `owner`'s until `idle()`:
   * the server is busy with `owner`'s MIGRATE (see the module's comment).
   */
  busyWith(owner: Session): void {
    this.#busy = owner;
    this.#active = true;
  }

  /**
   * The server is no longer busy: the held connections resume as at a
   * pause's end (those a CLIENT PAUSE still holds are held again).
   */
  idle(): void {
    this.#busy = null;
    this.#active = this.#mode !== null;
    this.#resumeHeld();
  }

  // Resumes the held connections after the current callback (a microtask),
  // in the order they were held.
  #resumeHeld(): void {
    if (this.#held.size === 0) return;
    const resumes = [...this.#held.values()];
    this.#held.clear();
    queueMicrotask(() => {
      for (const resume of resumes) resume();
    });
  }

  /**
   * Whether `command` with `args` must wait now. In `write` mode, what
   * writes or may replicate waits (invocation-flags.ts: EVAL and FCALL
   * as their script or function says), and EXEC when the session's
   * transaction queued such a command.
   */
  holds(command: Command, args: RequestArgs, session: Session, db: Db): boolean {
    if (this.#busy !== null && session !== this.#busy) return true;
    if (this.#mode === 'all') return true;
    if (this.#mode !== 'write') return false;
    const flags =
      command.name === 'exec' && session.transaction !== null
        ? session.transaction.flags
        : invocationFlags(command, args, db);
    return flags.write || flags.mayReplicate;
  }

  /** Notes that `session` holds a command; `resume` runs at the pause's end. */
  hold(session: Session, resume: () => void): void {
    this.#held.set(session, resume);
  }

  /** Forgets `session` (its connection ended while it held a command). */
  release(session: Session): void {
    this.#held.delete(session);
  }

  /** Stops the timer (the server closes; its connections end with it). */
  stop(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }
}
