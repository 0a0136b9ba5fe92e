/**
 * `mini-redis-cli`: mini-redis's CLI, and an interactive mode like redis-cli.
 *
 * ```text
 * mini-redis-cli [--host 127.0.0.1] [--port 6379] [--socket path] [--url redis://...] <command>
 *   ping [message]
 *   get <key>
 *   set <key> <value> [--expires <milliseconds>]
 *   publish <channel> <message>
 *   subscribe <channel>...
 *   monitor                           (every command the server runs, until ^C)
 * mini-redis-cli [options]            (no command: interactive, any command;
 *                                     MONITOR and SUBSCRIBE stream until ^C)
 * ```
 *
 * Replies print the way redis-cli prints them. Bad arguments print a usage
 * line and exit with code 1; a server that cannot be reached prints one
 * line and exits with code 1.
 *
 * @module
 */

import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { Connection, connect, createMonitor } from '@mini-redis/client';
import { type CommandArg, splitInlineArgs } from '@mini-redis/resp';
import { formatFrame, formatPush } from './format.js';

const USAGE = `usage: mini-redis-cli [--host 127.0.0.1] [--port 6379] [--socket path] [--url redis://...] [ping [message] | get <key> | set <key> <value> [--expires <ms>] | publish <channel> <message> | subscribe <channel>... | monitor]`;

class UsageError extends Error {}

// Commands after which the server sends on its own (messages, MONITOR lines).
const STREAMING = new Set(['monitor', 'subscribe', 'psubscribe', 'ssubscribe']);
// Commands whose own reply is a push in RESP3.
const REPLIED_WITH_A_PUSH = new Set(['unsubscribe', 'punsubscribe', 'sunsubscribe']);

function commandFor(positionals: string[], expires: string | undefined): CommandArg[] {
  const [name, ...rest] = positionals;
  switch (name) {
    case 'ping':
      if (rest.length > 1) throw new UsageError('ping takes at most one message');
      return ['PING', ...rest];
    case 'get':
      if (rest.length !== 1) throw new UsageError('get takes one key');
      return ['GET', rest[0]!];
    case 'set': {
      if (rest.length !== 2) throw new UsageError('set takes a key and a value');
      if (expires === undefined) return ['SET', rest[0]!, rest[1]!];
      if (!/^[1-9][0-9]*$/.test(expires))
        throw new UsageError(`--expires takes milliseconds > 0, got '${expires}'`);
      return ['SET', rest[0]!, rest[1]!, 'PX', expires];
    }
    case 'publish':
      if (rest.length !== 2) throw new UsageError('publish takes a channel and a message');
      return ['PUBLISH', rest[0]!, rest[1]!];
    default:
      throw new UsageError(`unknown command '${name}'`);
  }
}

async function interactive(address: string): Promise<void> {
  const connection = await Connection.open(address);
  const rl = createInterface({
    input: process.stdin,
    output: process.stdout,
    prompt: `${address}> `,
    historySize: 1000,
    terminal: process.stdin.isTTY === true,
  });
  rl.prompt();
  for await (const line of rl) {
    const args = splitInlineArgs(Buffer.from(line));
    if (args === null) {
      console.log('Invalid argument(s)');
    } else if (args.length > 0) {
      const name = args[0]!.toString().toLowerCase();
      if (name === 'quit' || name === 'exit') break;
      await connection.writeCommand(args);
      if (STREAMING.has(name)) {
        // As redis-cli: from now on the server sends without being asked;
        // print everything until the connection ends or ^C.
        process.on('SIGINT', () => connection.close());
        for (let frame = await connection.readFrame(); frame !== undefined; ) {
          console.log(formatFrame(frame));
          frame = await connection.readFrame();
        }
        break;
      }
      // Pushes (tracking invalidations) come before the reply: printed as
      // redis-cli prints them, then the reply.
      let frame = await connection.readFrame();
      while (frame?.type === 'push' && !REPLIED_WITH_A_PUSH.has(name)) {
        console.log(formatPush(frame));
        frame = await connection.readFrame();
      }
      if (frame === undefined) {
        console.log('Error: Server closed the connection');
        break;
      }
      console.log(formatFrame(frame));
    }
    rl.prompt();
  }
  rl.close();
  connection.close();
}

async function main(): Promise<void> {
  let values: {
    host?: string;
    port?: string;
    socket?: string;
    url?: string;
    expires?: string;
    help?: boolean;
  };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      options: {
        host: { type: 'string' },
        port: { type: 'string' },
        // A Unix socket, redis-cli's -s; the client also reads a path as --url.
        socket: { type: 'string' },
        url: { type: 'string' },
        expires: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
    }));
    if (values.port !== undefined && !/^[0-9]{1,5}$/.test(values.port))
      throw new UsageError(`--port takes a port number, got '${values.port}'`);
  } catch (error) {
    console.error(`mini-redis-cli: ${(error as Error).message}`);
    console.error(USAGE);
    process.exitCode = 1;
    return;
  }
  if (values.help === true) {
    console.log(USAGE);
    return;
  }
  const host = values.host ?? '127.0.0.1';
  const port = values.port ?? '6379';
  const address = values.socket ?? values.url ?? `${host}:${port}`;
  try {
    if (positionals.length === 0) {
      await interactive(address);
      return;
    }
    if (positionals[0] === 'subscribe') {
      if (positionals.length < 2) throw new UsageError('subscribe takes at least one channel');
      const subscriber = await (await connect(address)).subscribe(positionals.slice(1));
      process.on('SIGINT', () => subscriber.close());
      for await (const { channel, message } of subscriber)
        console.log(`${JSON.stringify(channel)}: ${JSON.stringify(message)}`);
      return;
    }
    if (positionals[0] === 'monitor') {
      if (positionals.length > 1) throw new UsageError('monitor takes no arguments');
      const monitor = await createMonitor(address);
      process.on('SIGINT', () => monitor.close());
      // The lines as the server writes them, as redis-cli prints them.
      console.log('OK');
      for await (const event of monitor) console.log(event.line);
      return;
    }
    const command = commandFor(positionals, values.expires);
    const connection = await Connection.open(address);
    await connection.writeCommand(command);
    const frame = await connection.readFrame();
    connection.close();
    if (frame === undefined) throw new Error('the server closed the connection');
    console.log(formatFrame(frame));
    if (frame.type === 'error') process.exitCode = 1;
  } catch (error) {
    console.error(`mini-redis-cli: ${(error as Error).message}`);
    if (error instanceof UsageError) console.error(USAGE);
    process.exitCode = 1;
  }
}

await main();
