/**
 * The ACL log, as Redis 7.0's: the commands, keys, channels and
 * authentications ACL refused, newest first, at most `acllog-max-len`.
 * A refusal like one of the 10 newest (same reason, context, object and
 * user, within 60 seconds) counts on that entry and moves it to the front
 * instead of adding another.
 *
 * @module
 */

/** What was refused: a command, a key, a channel, or a password. */
export type AclDenial = 'command' | 'key' | 'channel' | 'auth';

/** Where: a command of the client's own, one queued in MULTI, or one of a script. */
export type AclLogContext = 'toplevel' | 'multi' | 'lua';

/** One entry of ACL LOG. */
export interface AclLogEntry {
  count: number;
  readonly reason: AclDenial;
  readonly context: AclLogContext;
  /** The command's full name, the key or channel, or AUTH's name as the client wrote it. */
  readonly object: string;
  readonly username: string;
  /** Milliseconds since the epoch of the last refusal counted here. */
  time: number;
  /** The CLIENT LIST line of the last client refused. */
  clientInfo: string;
}

// Redis's ACL_LOG_GROUPING_MAX_TIME_DELTA, and how many entries it looks at.
const GROUPING_MS = 60_000;
const GROUPING_SCAN = 10;

/** The log; bounded by the `maxLength` given on each push. */
export class AclLog {
  // Newest first.
  #entries: AclLogEntry[] = [];

  get length(): number {
    return this.#entries.length;
  }

  /** Records a refusal, grouped with a recent like one, then trims to `maxLength`. */
  push(entry: Omit<AclLogEntry, 'count'>, maxLength: number): void {
    const scan = Math.min(GROUPING_SCAN, this.#entries.length);
    for (let i = 0; i < scan; i++) {
      const current = this.#entries[i]!;
      if (
        current.reason === entry.reason &&
        current.context === entry.context &&
        Math.abs(current.time - entry.time) <= GROUPING_MS &&
        current.object === entry.object &&
        current.username === entry.username
      ) {
        current.count++;
        current.time = entry.time;
        current.clientInfo = entry.clientInfo;
        this.#entries.splice(i, 1);
        this.#entries.unshift(current);
        return;
      }
    }
    this.#entries.unshift({ ...entry, count: 1 });
    if (this.#entries.length > maxLength) this.#entries.length = Math.max(0, maxLength);
  }

  /** The `count` newest entries, newest first. */
  newest(count: number): readonly AclLogEntry[] {
    return this.#entries.slice(0, Math.max(0, count));
  }

  reset(): void {
    this.#entries = [];
  }
}
