// A fake Redis for failure tests: it records every command it receives and
// replies only when told to, so a test can hold commands in flight, stall
// the server, or drop the connection at an exact point.
import { createServer, type Server, type Socket } from 'node:net';
import { RequestDecoder } from '@mini-redis/resp';

export class ControlledServer {
  readonly commands: string[][] = [];
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  #pending = 0;
  port = 0;
  /** Reply to HELLO at once (so clients finish their handshake). */
  autoHandshake = true;
  /** Connections still to be cut on their HELLO, before any reply (a server restarting, say). */
  dropHandshakes = 0;
  /** HELLOs received, cut or answered. */
  hellos = 0;

  constructor() {
    this.#server = createServer((socket) => {
      // The client writes a PING with its HELLO (to learn whether the
      // server is still loading): answered with the HELLO.
      let handshakePing = false;
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
      socket.on('error', () => {});
      const decoder = new RequestDecoder({
        onCommand: (args) => {
          // The rest of a chunk read before the cut below.
          if (socket.destroyed) return;
          const command: string[] = [];
          for (let i = 0; i < args.length; i++) command.push(args.string(i));
          if (command[0] === 'HELLO') this.hellos++;
          if (command[0] === 'HELLO' && this.dropHandshakes > 0) {
            this.dropHandshakes--;
            socket.destroy();
            return;
          }
          if (this.autoHandshake && command[0] === 'HELLO') {
            socket.write('%1\r\n$6\r\nserver\r\n$5\r\nredis\r\n');
            handshakePing = true;
            return;
          }
          if (handshakePing && command[0] === 'PING' && command.length === 1) {
            handshakePing = false;
            socket.write('+PONG\r\n');
            return;
          }
          handshakePing = false;
          this.commands.push(command);
          this.#pending++;
        },
        onError: () => socket.destroy(),
      });
      socket.on('data', (chunk: Buffer) => decoder.write(chunk));
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    const address = this.#server.address();
    this.port = typeof address === 'object' && address !== null ? address.port : 0;
    return this;
  }

  /** Sends `count` replies of `+OK`, in order, on every connection. */
  reply(count = 1, text = '+OK\r\n'): void {
    for (const socket of this.#sockets) socket.write(text.repeat(count));
    this.#pending -= count;
  }

  /** Commands received and not yet replied to. */
  get pending(): number {
    return this.#pending;
  }

  /** Cuts every connection. */
  dropConnections(): void {
    for (const socket of this.#sockets) socket.destroy();
    this.#pending = 0;
  }

  get connections(): number {
    return this.#sockets.size;
  }

  async stop(): Promise<void> {
    this.dropConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

/** Waits until `condition` holds (polling), or fails after `timeoutMs`. */
export async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
