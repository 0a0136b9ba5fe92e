/**
 * The LFU policies' access counter (allkeys-lfu, volatile-lfu; OBJECT
 * FREQ), Redis's: a logarithmic 8-bit counter per key that a new key
 * starts at 5, that an access raises with a probability falling as it
 * grows (lfu-log-factor), and that loses one for every lfu-decay-time
 * minutes the key went unaccessed. The minutes are counted from the key's
 * last access (`Entry#accessedAt`), which is what Redis's 16-bit "last
 * decrement time" holds too: it is rewritten on every access.
 *
 * The keyspace keeps the counter up to date only while an LFU policy is
 * set (`Keyspace#lfu`), as Redis's lookupKey does.
 *
 * @module
 */

/** Redis's LFU_INIT_VAL: what a new key's counter starts at. */
export const LFU_INIT_VAL = 5;

/** The settings an LFU policy runs with (lfu-log-factor, lfu-decay-time). */
export interface LfuSettings {
  /** How slowly the counter grows: 10 takes about a million accesses to reach 255. */
  readonly logFactor: number;
  /** Minutes of no access that take one off the counter (0: it never decays). */
  readonly decayTime: number;
}

/** What an LFU counter lives with: the key's entry (keyspace.ts). */
interface Counted {
  frequency: number;
  accessedAt: number;
}

// Whole minutes of Unix time, as Redis's LFUGetTimeInMinutes (without its
// 16-bit wrap, which only the C field's width needs).
function minutes(ms: number): number {
  return Math.floor(ms / 60_000);
}

/**
 * The counter of `entry` at `now`, decayed for the minutes since its last
 * access (Redis's LFUDecrAndReturn); the entry is not changed. OBJECT FREQ
 * and eviction's sampling read it.
 */
export function decayedFrequency(entry: Counted, now: number, settings: LfuSettings): number {
  if (settings.decayTime === 0) return entry.frequency;
  const periods = Math.floor((minutes(now) - minutes(entry.accessedAt)) / settings.decayTime);
  if (periods <= 0) return entry.frequency;
  return periods > entry.frequency ? 0 : entry.frequency - periods;
}

/**
 * An access to `entry` at `now` (Redis's updateLFU): decays the counter,
 * then raises it by one with probability 1 / ((counter - 5) * logFactor
 * + 1), never past 255. Returns the new counter; the caller stores it and
 * the access time.
 */
export function accessedFrequency(entry: Counted, now: number, settings: LfuSettings): number {
  const counter = decayedFrequency(entry, now, settings);
  if (counter === 255) return 255;
  const base = Math.max(0, counter - LFU_INIT_VAL);
  return Math.random() < 1 / (base * settings.logFactor + 1) ? counter + 1 : counter;
}
