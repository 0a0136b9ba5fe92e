import { connect, createServer, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { readConnection } from './shared-reads.js';

// Accepts one connection on a paused server, hands it to readConnection,
// and returns what was read, which socket serves it, and the net server.
async function readOne(shared: boolean, payload: string) {
  const chunks: string[] = [];
  let accepted: Socket | undefined;
  let serving: Socket | undefined;
  const server = createServer({ pauseOnConnect: true }, (socket) => {
    accepted = socket;
    serving = readConnection(socket, (chunk) => chunks.push(chunk.toString()), shared);
    serving.write('hello');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const client = connect(port, '127.0.0.1');
  const greeting = await new Promise<string>((resolve) =>
    client.once('data', (data) => resolve(data.toString())),
  );
  client.write(payload);
  while (chunks.join('').length < payload.length) await new Promise((r) => setTimeout(r, 5));
  const connections = await new Promise<number>((resolve) =>
    server.getConnections((_error, count) => resolve(count)),
  );
  client.destroy();
  await new Promise<void>((resolve) => serving!.once('close', () => resolve()));
  const afterClose = await new Promise<number>((resolve) =>
    server.getConnections((_error, count) => resolve(count)),
  );
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return { read: chunks.join(''), greeting, moved: serving !== accepted, connections, afterClose };
}

describe('readConnection', () => {
  it('moves the connection to a socket reading into the shared buffer on this Node', async () => {
    // If this fails after a Node upgrade, node:net's internals changed and
    // every connection takes the slower 'data' path (still correct).
    const result = await readOne(true, 'x'.repeat(100_000));
    expect(result).toEqual({
      read: 'x'.repeat(100_000),
      greeting: 'hello',
      moved: true,
      // Node's connection count follows the moved socket, down to 0 at its close.
      connections: 1,
      afterClose: 0,
    });
  });

  it("reads through 'data' events on the accepted socket when told not to share", async () => {
    const result = await readOne(false, 'y'.repeat(100_000));
    expect(result).toEqual({
      read: 'y'.repeat(100_000),
      greeting: 'hello',
      moved: false,
      connections: 1,
      afterClose: 0,
    });
  });
});
