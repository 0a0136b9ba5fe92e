/**
 * `npm run chat -- --room lobby --name ada [--url redis://127.0.0.1:6379]`:
 * a terminal chat room (start the server first: `npm start`).
 *
 * @module
 */

import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { mpsc } from '@mini-redis/channels';
import { runChat } from './chat.js';

const USAGE = 'usage: npm run chat -- --room <room> --name <name> [--url redis://127.0.0.1:6379]';

let values: { room?: string; name?: string; url?: string };
try {
  ({ values } = parseArgs({
    options: { room: { type: 'string' }, name: { type: 'string' }, url: { type: 'string' } },
  }));
  if (values.room === undefined || values.name === undefined)
    throw new Error('--room and --name are required');
} catch (error) {
  console.error(`chat: ${(error as Error).message}`);
  console.error(USAGE);
  process.exit(1);
}

const [lines, input] = mpsc.channel<string>(64);
const reader = createInterface({ input: process.stdin });
reader.on('line', (line) => void lines.send(line).catch(() => {}));
reader.on('close', () => lines.close());
const shutdown = new AbortController();
process.on('SIGINT', () => shutdown.abort());

try {
  await runChat({
    address: values.url ?? '127.0.0.1:6379',
    room: values.room,
    name: values.name,
    input,
    print: (line) => console.log(line),
    signal: shutdown.signal,
    onReady: () => console.log(`joined #${values.room} as ${values.name} (type /quit to leave)`),
  });
} catch (error) {
  console.error(`chat: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  reader.close();
}
