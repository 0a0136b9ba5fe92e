/**
 * Snapshots to an RDB file, as redis-server's `dir`, `dbfilename` and
 * `save` do it, when the server is given a `dir` (otherwise nothing is
 * read or written): the file is loaded at `listen()`; SAVE writes it at
 * once, BGSAVE and the save points (`save`: "after N seconds if at least
 * M changes") write a snapshot taken at once in the background, and
 * SHUTDOWN and `close()` write it when save points are set (or SHUTDOWN
 * SAVE is asked). A file is written whole to a temporary name and then
 * renamed over the old one, so a crash mid-write never leaves half a
 * dump (Redis's rule).
 *
 * A "change" is a write command that did not fail (Redis counts changed
 * keys and elements, so its number can be larger; only save points read
 * it).
 *
 * @module
 */

import type { Buffer } from 'node:buffer';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import process from 'node:process';
import type { Db } from './db.js';
import { CommandError, ServerError } from './errors.js';
import { strtoll } from './internal/args.js';
import { pathBytes, textOf } from './internal/byte-strings.js';
import type { Keyspace } from './keyspace.js';
import { decayedFrequency } from './lfu.js';
import { type RdbKey, type RdbRead, readRdbFile, writeRdbFile } from './rdb/file.js';
import { RdbFormatError } from './rdb/format.js';

/** How long after a failed background save the save points wait (Redis's CONFIG_BGSAVE_RETRY_DELAY). */
const RETRY_DELAY_MS = 5000;

/**
 * The refusal of a write while snapshots fail (Redis's shared.bgsaveerr),
 * word for word: clients and tools match on it.
 */
export const MISCONF =
  "MISCONF Redis is configured to save RDB snapshots, but it's currently unable to persist to disk. Commands that may modify the data set are disabled, because this instance is configured to report errors during writes if RDB snapshotting fails (stop-writes-on-bgsave-error option). Please check the Redis logs for details about the RDB error.";

/** Redis's default save points, used when a `dir` is given without `save`. */
export const DEFAULT_SAVE_POINTS = '3600 1 300 100 60 10000';

/**
 * Parses `save`'s value as Redis 7.0 does: words split at single spaces,
 * in pairs of seconds (at least 1) and changes (at least 0), each read by
 * strtoll ("" for none). Returns undefined when it is not that (CONFIG
 * SET's "Invalid save parameters").
 */
export function parseSavePoints(text: string): [seconds: number, changes: number][] | undefined {
  if (text === '') return [];
  const words = text.split(' ');
  if (words.length % 2 !== 0) return undefined;
  const points: [number, number][] = [];
  for (let i = 0; i < words.length; i += 2) {
    const seconds = strtoll(words[i]!);
    const changes = strtoll(words[i + 1]!);
    if (seconds === undefined || changes === undefined || seconds < 1 || changes < 0)
      return undefined;
    points.push([seconds, changes]);
  }
  return points;
}

/** The server's snapshots; see the module's comment. */
export class Persistence {
  readonly #db: Db;
  #dir: string | undefined;
  readonly #dbfilename: () => string;
  readonly #savePoints: () => string;
  readonly #compress: () => boolean;
  readonly #warn: (message: string) => void;
  /** When the last save succeeded (LASTSAVE), in ms; the server's start before any. */
  lastSave: number;
  /** Write commands since the last save started (INFO's rdb_changes_since_last_save). */
  changes = 0;
  /**
   * Whether the last save succeeded (INFO's rdb_last_bgsave_status): a
   * failed background save sets it false, and any save that succeeds
   * (SAVE too, as in Redis) sets it true again.
   */
  lastBackgroundOk = true;
  /** Saves that succeeded since the start (INFO's rdb_saves). */
  saves = 0;
  /** How long the last background save took, in whole seconds; -1 before any (INFO's rdb_last_bgsave_time_sec). */
  lastBackgroundSeconds = -1;
  /** The keys the last load read, and those it left out as expired (INFO's rdb_last_load_keys_*). */
  lastLoad = { loaded: 0, expired: 0 };
  /** Set by SHUTDOWN, which saved (or was told not to): `close()` then does not save. */
  shutdownHandled = false;
  #background: Promise<void> | null = null;
  // When the running background save started, in ms.
  #backgroundStartedAt = 0;
  #lastAttempt = 0;
  // Bumped by every save: a background save that finishes after a newer
  // one started does not rename its older snapshot over it.
  #generation = 0;
  // Set once load() has read the file (or found none): until then a save
  // at close() would replace a file it could not read with nothing.
  #loaded = false;

  /**
   * @param dir where the file lives; undefined: no persistence.
   * @param dbfilename and `savePoints` read the settings as they are now,
   *   and `compress` rdbcompression (true when not given).
   * @param warn is told why a background save failed.
   */
  constructor(
    db: Db,
    dir: string | undefined,
    dbfilename: () => string,
    savePoints: () => string,
    startedAt: number,
    compress: () => boolean = () => true,
    warn: (message: string) => void = () => {},
  ) {
    this.#warn = warn;
    this.#db = db;
    this.#dir = dir;
    this.#dbfilename = dbfilename;
    this.#savePoints = savePoints;
    this.#compress = compress;
    this.lastSave = startedAt;
  }

  /** Whether a `dir` was given (at start, or by CONFIG SET dir). */
  get enabled(): boolean {
    return this.#dir !== undefined;
  }

  /**
   * CONFIG SET dir: the file lives in `dir` from now on; nothing is
   * loaded from it, as in Redis. A server started without a dir keeps its
   * data there from now on (SAVE, BGSAVE, and the save points set).
   */
  moveTo(dir: string): void {
    this.#dir = dir;
    // What is in memory is the data now: a save at close may write it.
    this.#loaded = true;
  }

  /**
   * Whether writes are refused now, with `MISCONF` (Redis's
   * writeCommandsDeniedByDiskError): the last background save failed, save
   * points are set, and `stopWritesOnError` (the setting
   * stop-writes-on-bgsave-error) is on. The dispatcher asks for every
   * write, and PING, as Redis does, so that a monitoring check sees it; a
   * script's writes fail with it too. A save that succeeds (BGSAVE, SAVE,
   * a save point's) lifts it, and so do either setting.
   */
  refusesWrites(stopWritesOnError: boolean): boolean {
    return !this.lastBackgroundOk && stopWritesOnError && this.#savePoints() !== '';
  }

  /** Whether a background save is writing (INFO's rdb_bgsave_in_progress). */
  get saving(): boolean {
    return this.#background !== null;
  }

  /** How long the running background save has run, in whole seconds; -1 when none runs. */
  currentBackgroundSeconds(now: number): number {
    return this.#background === null
      ? -1
      : wholeSeconds(now) - wholeSeconds(this.#backgroundStartedAt);
  }

  // The file's path, in bytes as every setting is held (dir and
  // dbfilename: internal/byte-strings.ts): pathBytes for node:fs, textOf
  // for a message.
  get #path(): string {
    return join(this.#dir!, this.#dbfilename());
  }

  /**
   * Loads the file, if there is one, into the (empty) databases and
   * function libraries.
   * @throws ServerError `ERR_LOAD` for a file that does not read or load.
   */
  load(now: number): void {
    if (this.#dir === undefined) return;
    let bytes: Buffer;
    try {
      bytes = readFileSync(pathBytes(this.#path));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        this.#loaded = true;
        return;
      }
      throw new ServerError(
        'ERR_LOAD',
        `Could not read ${textOf(this.#path)}: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
    try {
      const contents = readRdbFile(bytes, now, this.#db.limits);
      this.#counted(contents);
      for (const [index, keys] of contents.databases) {
        const keyspace = this.#db.databases[index];
        if (keyspace === undefined)
          throw new RdbFormatError(
            `it holds database ${index}, and this server has ${this.#db.databases.length}`,
          );
        for (const stored of keys) storeKey(keyspace, stored, now);
      }
      this.#db.functions.restore(contents.functions, 'flush');
      this.#loaded = true;
    } catch (error) {
      if (error instanceof RdbFormatError || error instanceof CommandError)
        throw new ServerError(
          'ERR_LOAD',
          `Could not load ${textOf(this.#path)}: ${error.message}`,
          {
            cause: error,
          },
        );
      throw error;
    }
  }

  /**
   * DEBUG RELOAD: saves the dataset (unless `save` is false), empties the
   * databases and the function libraries (unless `flush` is false), and
   * loads the save back, as Redis does. With a dir the save goes through
   * the file (and `save: false` loads the file as it is); without one,
   * through an in-memory snapshot, so nothing is written anywhere.
   * Without `flush`, a key or library the load meets that already exists
   * is replaced with `merge`, and refused without it (Redis then stops the
   * server; here nothing is loaded and the command fails).
   * @throws CommandError when the save fails, there is nothing to load,
   *   it does not read, or (without `merge`) a key or library exists.
   */
  reload(now: number, options: { save: boolean; flush: boolean; merge: boolean }): void {
    let bytes: Buffer;
    if (this.#dir === undefined) {
      if (!options.save)
        throw new CommandError(
          'ERR DEBUG RELOAD NOSAVE loads the RDB file, and this server was started without a dir',
        );
      bytes = this.#snapshot(now);
    } else {
      if (options.save) this.save(now);
      try {
        bytes = readFileSync(pathBytes(this.#path));
      } catch {
        throw new CommandError('ERR Error trying to load the RDB dump, check server logs.');
      }
    }
    let contents: ReturnType<typeof readRdbFile>;
    try {
      contents = readRdbFile(bytes, now, this.#db.limits);
    } catch (error) {
      if (!(error instanceof RdbFormatError)) throw error;
      throw new CommandError('ERR Error trying to load the RDB dump, check server logs.');
    }
    this.#counted(contents);
    const databases = this.#db.databases;
    for (const [index, keys] of contents.databases) {
      const keyspace = databases[index];
      if (keyspace === undefined)
        throw new CommandError(
          `ERR Error trying to load the RDB dump: it holds database ${index}, and this server has ${databases.length}`,
        );
      if (options.flush || options.merge) continue;
      for (const { key } of keys)
        if (keyspace.peek(key) !== undefined)
          throw new CommandError(
            `ERR DEBUG RELOAD NOFLUSH: key '${key}' of database ${index} already exists (MERGE replaces it)`,
          );
    }
    if (options.flush) {
      for (const keyspace of databases) keyspace.clear();
      this.#db.tracking.flushed();
    }
    // First the libraries: a collision (NOFLUSH without MERGE) fails here,
    // before any key is loaded.
    this.#db.functions.restore(
      contents.functions,
      options.flush ? 'flush' : options.merge ? 'replace' : 'append',
    );
    for (const [index, keys] of contents.databases) {
      const keyspace = databases[index]!;
      for (const stored of keys) storeKey(keyspace, stored, now);
    }
  }

  // Notes what a load read, for INFO.
  #counted(contents: RdbRead): void {
    let loaded = 0;
    for (const keys of contents.databases.values()) loaded += keys.length;
    this.lastLoad = { loaded, expired: contents.expired };
  }

  // The file's bytes for what the server holds now.
  #snapshot(now: number): Buffer {
    const databases = new Map<number, RdbKey[]>();
    // What the eviction policy keeps is saved with each key, as Redis
    // saves it: the idle time under an LRU policy, the counter under LFU.
    const policy = this.#db.eviction.policy;
    const lru = policy.endsWith('-lru');
    this.#db.databases.forEach((keyspace, index) => {
      const keys: RdbKey[] = [];
      const lfu = keyspace.lfu;
      for (const key of keyspace.keys(now)) {
        const entry = keyspace.get(key, now, false)!;
        keys.push({
          key,
          value: entry.value,
          expiresAt: entry.expiresAt,
          ...(lru ? { idle: Math.max(0, Math.floor((now - entry.accessedAt) / 1000)) } : {}),
          ...(lfu === null ? {} : { frequency: decayedFrequency(entry, now, lfu) }),
        });
      }
      databases.set(index, keys);
    });
    const functions = [...this.#db.functions.libraries].map((library) => library.code);
    return writeRdbFile({ databases, functions }, now, this.#compress());
  }

  #requireDir(): void {
    if (this.#dir === undefined)
      throw new CommandError(
        'ERR nothing is saved: this server was started without a dir (mini-redis-server --dir <path>, or createServer({ dir }))',
      );
  }

  /**
   * SAVE: writes the file now.
   * @throws CommandError without a dir, while a background save runs, or
   *   when the file cannot be written.
   */
  save(now: number): void {
    this.#requireDir();
    if (this.#background !== null)
      throw new CommandError('ERR Background save already in progress');
    this.#write(now);
  }

  // Writes the file now (a temporary one, renamed over it).
  #write(now: number): void {
    this.#generation++;
    const temporary = `${this.#path}.${process.pid}.tmp`;
    try {
      writeFileSync(pathBytes(temporary), this.#snapshot(now));
      renameSync(pathBytes(temporary), pathBytes(this.#path));
    } catch (error) {
      throw new CommandError(
        `ERR could not save ${textOf(this.#path)}: ${(error as Error).message}`,
      );
    }
    this.lastSave = now;
    this.changes = 0;
    this.lastBackgroundOk = true;
    this.saves++;
  }

  /**
   * BGSAVE: takes the snapshot now (synchronously: the server pauses for
   * it) and writes it in the background.
   * @throws CommandError without a dir, or while one is writing (with or
   *   without SCHEDULE, which Redis honours only behind an AOF rewrite).
   */
  backgroundSave(now: number): void {
    this.#requireDir();
    if (this.#background !== null)
      throw new CommandError('ERR Background save already in progress');
    this.#startBackground(now);
  }

  #startBackground(now: number): void {
    this.#lastAttempt = now;
    this.#backgroundStartedAt = now;
    const bytes = this.#snapshot(now);
    const counted = this.changes;
    const path = this.#path;
    const temporary = `${path}.${process.pid}.bg.tmp`;
    const generation = ++this.#generation;
    this.#background = writeFile(pathBytes(temporary), bytes)
      .then(() =>
        generation === this.#generation
          ? rename(pathBytes(temporary), pathBytes(path))
          : rm(pathBytes(temporary), { force: true }),
      )
      .then(
        () => {
          this.lastSave = now;
          this.changes -= counted;
          this.lastBackgroundOk = true;
          this.saves++;
        },
        (error: unknown) => {
          this.lastBackgroundOk = false;
          // Redis logs it; the MISCONF that may follow points there.
          this.#warn(
            `Background saving error: could not write ${path}: ${error instanceof Error ? error.message : String(error)}`,
          );
        },
      )
      .finally(() => {
        // Whatever the outcome, as Redis's backgroundSaveDoneHandler.
        this.lastBackgroundSeconds = wholeSeconds(Date.now()) - wholeSeconds(now);
        this.#background = null;
      });
  }

  /**
   * After FLUSHALL, as Redis's flushAllDataAndResetRDB: a background save
   * still writing is dropped, and with save points the (now empty) data
   * is saved at once. A save that fails leaves the changes to count.
   */
  afterFlushAll(now: number): void {
    if (this.#dir === undefined) return;
    this.#generation++;
    if ((parseSavePoints(this.#savePoints()) ?? []).length === 0) return;
    try {
      this.#write(now);
    } catch {
      // As Redis, which only logs it: the next save point tries again.
    }
  }

  /** The save points' check, every second (Redis's serverCron): a background save when one is due. */
  tick(now: number): void {
    if (this.#dir === undefined || this.#background !== null || this.changes === 0) return;
    if (!this.lastBackgroundOk && now - this.#lastAttempt < RETRY_DELAY_MS) return;
    for (const [seconds, changes] of parseSavePoints(this.#savePoints()) ?? []) {
      if (this.changes >= changes && now - this.lastSave >= seconds * 1000) {
        this.#startBackground(now);
        return;
      }
    }
  }

  /**
   * At shutdown (SHUTDOWN, `close()`): saves now when asked (`always`:
   * SHUTDOWN SAVE) or when save points are set, as Redis does; a
   * background save still writing is superseded.
   * @throws CommandError when that save fails.
   */
  saveForShutdown(now: number, always: boolean): void {
    // Never loaded (listen() failed or never ran): the file stays as it is.
    if (this.#dir === undefined || !this.#loaded) return;
    const points = parseSavePoints(this.#savePoints()) ?? [];
    if (always || points.length > 0) this.#write(now);
  }
}

// A time in ms as whole seconds, as Redis's time(NULL) reads the clock.
function wholeSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}

// Stores a key read from a file, with its access data as the policy in
// force reads it (Redis's objectSetLRUOrLFU): under an LFU policy the
// counter, else the idle time, in seconds.
function storeKey(keyspace: Keyspace, stored: RdbKey, now: number): void {
  keyspace.set(stored.key, stored.value, now, stored.expiresAt);
  if (stored.idle === undefined && stored.frequency === undefined) return;
  const entry = keyspace.peek(stored.key)!;
  if (keyspace.lfu !== null) {
    if (stored.frequency !== undefined) entry.frequency = stored.frequency;
  } else if (stored.idle !== undefined) entry.accessedAt = now - stored.idle * 1000;
}
