/**
 * The reply encoder of the server's connections (and of its script
 * client): a `ReplyEncoder` that counts every error reply it writes in the
 * server's statistics (INFO errorstats, total_error_replies), whoever
 * writes it, as Redis's afterErrorReply does. Muted replies (CLIENT REPLY
 * OFF) are counted too, as in Redis.
 *
 * @module
 */

import { type Protocol, ReplyEncoder } from '@mini-redis/resp';
import type { ServerStats } from '../stats.js';

export class CountedReplyEncoder extends ReplyEncoder {
  readonly #stats: ServerStats;

  constructor(stats: ServerStats, protocol: Protocol = 2, options?: { slabSize?: number }) {
    super(protocol, options);
    this.#stats = stats;
  }

  override error(message: string | Uint8Array): void {
    this.#stats.countError(message);
    super.error(message);
  }

  /**
   * An error reply not counted as one: a script re-raising the error its
   * redis.call got, which was counted when the command replied it. The
   * running command still counts as failed (Redis's
   * ERR_REPLY_FLAG_NO_STATS_UPDATE).
   */
  uncountedError(message: string | Uint8Array): void {
    this.#stats.countUncountedError();
    super.error(message);
  }
}
