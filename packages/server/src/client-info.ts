/**
 * The line Redis writes about a connection: CLIENT LIST's and CLIENT
 * INFO's, and ACL LOG's `client-info` (the connection ACL refused).
 *
 * @module
 */

import { clientMemory } from './client-memory.js';
import type { ServerInfo } from './server-info.js';
import type { Session } from './session.js';

/**
 * One CLIENT LIST line of `session`, in Redis's field order, newline
 * included: CLIENT LIST, CLIENT INFO and ACL LOG's client-info show it.
 */
export function clientInfo(session: Session, server: ServerInfo, now: number): string {
  // Redis's letters, in its order: O monitoring, P subscribed, x in MULTI,
  // b blocked (WAIT, or a command CLIENT PAUSE holds), t tracking keys, R
  // its redirection broken, B in BCAST mode, d a watched key changed (EXEC
  // will fail), U over a Unix socket, e NO-EVICT; N for none.
  let flags = session.monitor === null ? '' : 'O';
  if (session.subscribed) flags += 'P';
  if (session.transaction !== null) flags += 'x';
  if (
    (session.block !== null && session.block.internal !== true) ||
    server.pause.isHolding(session)
  )
    flags += 'b';
  const tracking = session.tracking;
  if (tracking !== null) {
    flags += 't';
    if (tracking.brokenRedirect) flags += 'R';
    if (tracking.bcast) flags += 'B';
  }
  if (session.watched.touched) flags += 'd';
  if (session.unixSocket !== null) flags += 'U';
  if (session.noEvict) flags += 'e';
  if (flags === '') flags = 'N';
  // The buffers (client-memory.ts).
  const memory = clientMemory(session);
  const age = Math.floor((now - session.createdAt) / 1000);
  const idle = Math.floor((now - session.lastInteraction) / 1000);
  return (
    `id=${session.id} addr=${session.remoteAddress} laddr=${session.localAddress} fd=-1 name=${session.name} ` +
    `age=${age} idle=${idle} flags=${flags} db=${session.db} sub=${session.channels.size} psub=${session.patterns.size} ` +
    `ssub=${session.shardChannels.size} multi=${session.transaction?.length ?? -1} qbuf=${memory.queryBuffer} qbuf-free=${memory.queryBufferFree} ` +
    `argv-mem=${memory.argumentBytes} multi-mem=${memory.transactionBytes} rbs=${memory.replyBufferSize} rbp=${memory.replyBufferPeak} ` +
    `obl=${memory.bufferedOutput} oll=${memory.outputBlocks} omem=${memory.outputMemory} tot-mem=${memory.total} ` +
    `events=${session.buffers().waitingToWrite ? 'rw' : 'r'} cmd=${session.lastCommand} user=${session.user.name} redir=${tracking?.redirect ?? -1} resp=${session.reply.protocol} ` +
    `lib-name=${session.libName} lib-ver=${session.libVersion}\n`
  );
}
