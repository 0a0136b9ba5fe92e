/**
 * The program of the Tokio tutorial's Channels chapter, as close to it as
 * TypeScript allows: a manager task owns the connection; two tasks send it
 * a GET and a SET over a bounded mpsc channel, each with a oneshot for the
 * reply. Then the same with `createClient`, which is that pattern packaged
 * (and pipelined).
 *
 * @module
 */

import { mpsc, oneshot } from '@mini-redis/channels';
import { connect, createClient } from '@mini-redis/client';

/** A command for the manager, with the channel its reply goes back on. */
export type Command =
  | { kind: 'get'; key: string; resp: oneshot.OneshotSender<string | null | Error> }
  | { kind: 'set'; key: string; val: string; resp: oneshot.OneshotSender<null | Error> };

/** What the tutorial's program printed: each task's result. */
export interface Outcome {
  readonly got: string | null;
  readonly set: 'OK';
}

/**
 * The tutorial's version: a manager task fed by mpsc, replies over oneshot.
 *
 * @throws the connection's error (a `ClientError`) when the manager cannot
 *   connect; each task has then printed `GOT = Err(...)` for its dropped
 *   command, as the Rust program's would.
 */
export async function tutorial(
  address: string,
  log: (line: string) => void = console.log,
): Promise<void> {
  const [tx, rx] = mpsc.channel<Command>(32);
  const tx2 = tx.clone();

  const manager = (async () => {
    // Establish a connection to the server.
    let client: Awaited<ReturnType<typeof connect>>;
    try {
      client = await connect(address);
    } catch (error) {
      // In Rust the task would end here and drop `rx`, and with it every
      // queued command's responder: each requester sees its reply channel
      // closed (RecvError) instead of waiting for ever.
      rx.close();
      for (let next = rx.tryRecv(); next.status === 'received'; next = rx.tryRecv())
        next.value.resp.close();
      throw error;
    }
    // Start receiving messages.
    for await (const cmd of rx) {
      switch (cmd.kind) {
        case 'get': {
          const res = await client.get(cmd.key).catch((e: Error) => e);
          // Ignore errors: the requester may have given up.
          cmd.resp.send(res);
          break;
        }
        case 'set': {
          const res = await client.set(cmd.key, cmd.val).then(
            () => null,
            (e: Error) => e,
          );
          cmd.resp.send(res);
          break;
        }
      }
    }
    client.close();
  })();

  // Spawn two tasks, one gets a key, the other sets a key.
  const t1 = (async () => {
    const [respTx, respRx] = oneshot.channel<string | null | Error>();
    await tx.send({ kind: 'get', key: 'foo', resp: respTx });
    tx.close();
    // Await the response (RecvError if the manager dropped the command).
    const res = await respRx.recv().catch((e: Error) => e);
    log(`GOT = ${res instanceof Error ? `Err(${res.message})` : `Ok(${JSON.stringify(res)})`}`);
  })();

  const t2 = (async () => {
    const [respTx, respRx] = oneshot.channel<null | Error>();
    await tx2.send({ kind: 'set', key: 'foo', val: 'bar', resp: respTx });
    tx2.close();
    const res = await respRx.recv().catch((e: Error) => e);
    log(`GOT = ${res instanceof Error ? `Err(${res.message})` : 'Ok(())'}`);
  })();

  // The tutorial unwraps each task's result; here every task is awaited,
  // so none fails unobserved, and the manager's failure (the cause of any
  // other) is the one reported.
  const [first, second, managed] = await Promise.allSettled([t1, t2, manager]);
  for (const result of [managed, first, second])
    if (result.status === 'rejected') throw result.reason;
}

/**
 * The same two tasks through `createClient`, which owns the manager for us.
 *
 * @throws ClientError `ERR_NOT_CONNECTED` when the client gives up
 *   connecting (after its reconnection schedule).
 */
export async function withClient(
  address: string,
  log: (line: string) => void = console.log,
): Promise<Outcome> {
  await using client = createClient(address);
  const [got, set] = await Promise.all([client.get('foo'), client.set('foo', 'bar')]);
  log(`GOT = ${JSON.stringify(got)}`);
  log(`SET = ${JSON.stringify(set)}`);
  return { got, set: set as 'OK' };
}
