// Regenerates src/internal/redis-commands.ts: the COMMAND DOCS and COMMAND
// INFO of every command this server has, as the installed redis-server (the
// reference, Debian's 7.0.15) reports them, so COMMAND, COMMAND INFO and
// COMMAND DOCS (and redis-cli's hints and `help`, built from the docs)
// match Redis.
//
//   npm run build -w @mini-redis/resp && node packages/server/scripts/generate-redis-commands.mjs
//
// It starts a redis-server on a free loopback port, asks it over RESP3 (to
// tell maps and sets from arrays), and writes the replies as a TypeScript
// data module; `biome check --write` then formats it.

import { spawn } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { encodeCommand, FrameDecoder } from '@mini-redis/resp';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
// One file per command, kebab-case: bitfield-ro.ts is BITFIELD_RO, but
// restore-asking.ts is RESTORE-ASKING. A file with a hyphen asks for both
// spellings, and the one Redis knows is kept (below).
const spellings = readdirSync(here('../src/commands'))
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && file !== 'index.ts')
  .map((file) => {
    const base = file.slice(0, -3);
    const underscored = base.replaceAll('-', '_');
    return base === underscored ? [base] : [underscored, base];
  });
const asked = spellings.flat().sort();

const port = await new Promise((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port } = probe.address();
    probe.close(() => resolve(port));
  });
});
const redis = spawn(
  'redis-server',
  ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
  { stdio: 'ignore' },
);
const version = await (async () => {
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      const [hello, docs, info, all] = await ask([
        ['HELLO', '3'],
        ['COMMAND', 'DOCS', ...asked],
        ['COMMAND', 'INFO', ...asked],
        ['COMMAND', 'INFO'],
      ]);
      return { hello, docs, info, all };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw new Error('redis-server did not answer');
})();
redis.kill();

// Sends `commands` on one connection; resolves their reply frames.
function ask(commands) {
  return new Promise((resolve, reject) => {
    const frames = [];
    const socket = connect(port, '127.0.0.1');
    const decoder = new FrameDecoder({
      onFrame: (frame) => {
        frames.push(frame);
        if (frames.length === commands.length) {
          socket.destroy();
          resolve(frames);
        }
      },
      onError: reject,
    });
    socket.on('data', (chunk) => decoder.write(chunk));
    socket.on('error', reject);
    socket.write(Buffer.concat(commands.map((command) => encodeCommand(command))));
  });
}

// A frame as plain data: strings (bulk), numbers, arrays, objects for
// maps, { $set: [...] } for sets and { $simple: '...' } for simple strings
// (Redis sends argument flags as those).
function plain(frame) {
  switch (frame.type) {
    case 'bulk':
    case 'verbatim':
      return frame.value.toString('utf8');
    case 'simple':
      return { $simple: frame.value };
    case 'integer':
      return Number(frame.value);
    case 'array':
      return frame.value.map(plain);
    case 'set':
      return { $set: frame.value.map(plain) };
    case 'map':
      return Object.fromEntries(frame.value.map(([key, value]) => [text(key), plain(value)]));
    default:
      throw new Error(`unexpected ${frame.type} in COMMAND DOCS`);
  }
}

// A map key: always a string.
function text(frame) {
  return frame.type === 'simple' ? frame.value : frame.value.toString('utf8');
}

const serverVersion = Object.fromEntries(
  version.hello.value.map(([key, value]) => [text(key), plain(value)]),
).version;
const docs = plain(version.docs);
// COMMAND INFO replies in the order asked (a null for a name Redis does
// not know): key each by its name.
const info = Object.fromEntries(
  version.info.value
    .filter((frame) => frame.type !== 'null')
    .map(plain)
    .map((entry) => [entry[0], entry]),
);
// Redis lists a container's subcommands in its hash table's order, which
// is seeded at random per process: sort them, so that regenerating with
// the same Redis writes the same file. (Redis's own replies vary in this
// order from one process to the next; the tests do not depend on it.)
for (const doc of Object.values(docs)) {
  if (doc.subcommands !== undefined)
    doc.subcommands = Object.fromEntries(
      Object.entries(doc.subcommands).sort(([a], [b]) => (a < b ? -1 : 1)),
    );
}
for (const entry of Object.values(info)) {
  // The tenth element of COMMAND INFO: each subcommand's own description, name first.
  const subcommands = Array.isArray(entry[9]) ? entry[9] : entry[9]?.$set;
  subcommands?.sort((a, b) => (a[0] < b[0] ? -1 : 1));
}
const unknown = spellings.filter((names) => !names.some((name) => name in docs));
if (unknown.length > 0) throw new Error(`Redis has no command ${unknown.flat().join(' or ')}`);
const names = spellings.map((names) => names.find((name) => name in docs)).sort();
const uninformed = names.filter((name) => !(name in info));
if (uninformed.length > 0) throw new Error(`Redis has no info for ${uninformed.join(', ')}`);

writeFileSync(
  here('../src/internal/redis-commands.ts'),
  `/**
 * COMMAND DOCS and COMMAND INFO for every command this server has, as Redis
 * ${serverVersion} reports them. Generated by scripts/generate-redis-commands.mjs: do
 * not edit by hand. Containers list every subcommand Redis has; the replies
 * keep only this server's (write-command-reference.ts).
 *
 * @module
 */

import type { DocValue } from './write-command-reference.js';

/** Each command's docs map, by lower-case name. */
export const COMMAND_DOCS: Readonly<Record<string, { readonly [field: string]: DocValue }>> = ${JSON.stringify(docs)};

/** Each command's ten-element COMMAND INFO description, by lower-case name. */
export const COMMAND_INFO: Readonly<Record<string, readonly DocValue[]>> = ${JSON.stringify(info)};
`,
);
// ACL's view of Redis's whole command table (acl/command-table.ts): every
// command Redis has, this server's or not, since ACL rules name them all
// (`+memory` is valid on Redis) and ACL's descriptions count them by
// category. Each: [name, categories, no_auth, subcommands?], by name.
const simpleSet = (value) =>
  (Array.isArray(value) ? value : value.$set).map((item) => item.$simple);
const aclEntry = (entry) => {
  const categories = simpleSet(entry[6]).join(' ');
  const noAuth = simpleSet(entry[2]).includes('no_auth');
  const subcommands = Array.isArray(entry[9]) ? entry[9] : (entry[9]?.$set ?? []);
  const row = [entry[0], categories, noAuth];
  if (subcommands.length > 0)
    row.push(
      subcommands
        .map((sub) => [sub[0], simpleSet(sub[6]).join(' '), simpleSet(sub[2]).includes('no_auth')])
        .sort((a, b) => (a[0] < b[0] ? -1 : 1)),
    );
  return row;
};
const aclCommands = plain(version.all)
  .map(aclEntry)
  .sort((a, b) => (a[0] < b[0] ? -1 : 1));
writeFileSync(
  here('../src/internal/acl-commands.ts'),
  `/**
 * Every command of Redis ${serverVersion} as ACL sees it: its name, its ACL
 * categories, whether it is \`no_auth\`, and its subcommands alike, sorted by
 * name. Generated by scripts/generate-redis-commands.mjs: do not edit by
 * hand. The ACL works on Redis's whole table, not only this server's
 * commands (acl/command-table.ts says why).
 *
 * @module
 */

/** One command: name, space-separated categories (\`@read @fast\`), no_auth, subcommands. */
export type AclCommandRow = readonly [
  name: string,
  categories: string,
  noAuth: boolean,
  subcommands?: readonly (readonly [name: string, categories: string, noAuth: boolean])[],
];

/** Redis's commands, by name. */
export const ACL_COMMANDS: readonly AclCommandRow[] = ${JSON.stringify(aclCommands)};
`,
);
console.log(
  `wrote the docs and info of ${names.length} commands from Redis ${serverVersion}, and ACL's table of ${aclCommands.length}`,
);
