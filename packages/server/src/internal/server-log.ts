/**
 * The mini-redis-server command's log: its start and stop lines
 * (notices) and the server's warnings. Without a `logfile` they go to
 * stdout and stderr as plain lines; with one, each is appended to the file
 * in redis-server's format (`pid:M 29 Nov 2026 01:02:03.456 * text`, the
 * mark `*` for a notice and `#` for a warning), opened and closed per
 * line as Redis does, so the file may be rotated under it.
 *
 * @module
 */

import { appendFileSync } from 'node:fs';
import process from 'node:process';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// Redis's "%d %b %Y %H:%M:%S." and milliseconds, in local time.
function timestamp(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(date.getDate())} ${MONTHS[date.getMonth()]} ${date.getFullYear()} ${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}.${String(date.getMilliseconds()).padStart(3, '0')}`;
}

/** Where the command's lines go; see the module comment. */
export class ServerLog {
  readonly #file: string;
  readonly #level: () => string;

  /**
   * `logfile` is the setting ('' for stdout and stderr); `level` reads
   * `loglevel` at each line (CONFIG SET may change it): at `warning`,
   * notices are left out.
   *
   * @throws Error when the file cannot be opened for appending, as
   *   redis-server refuses to start then.
   */
  constructor(logfile: string, level: () => string) {
    this.#file = logfile;
    this.#level = level;
    if (logfile !== '') appendFileSync(logfile, '');
  }

  notice(text: string): void {
    if (this.#level() === 'warning') return;
    this.#write('*', text, false);
  }

  warning(text: string): void {
    this.#write('#', text, true);
  }

  #write(mark: string, text: string, warning: boolean): void {
    if (this.#file === '') {
      if (warning) console.error(`mini-redis-server: ${text}`);
      else console.log(text);
      return;
    }
    try {
      appendFileSync(this.#file, `${process.pid}:M ${timestamp(new Date())} ${mark} ${text}\n`);
    } catch {
      // Redis drops a line it cannot write; so does this log: the server
      // keeps serving.
    }
  }
}
