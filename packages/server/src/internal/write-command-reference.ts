/**
 * COMMAND INFO and COMMAND DOCS replies from what Redis reports
 * (redis-commands.ts): maps, sets, arrays, simple and bulk strings and
 * integers, in RESP2 or RESP3 as the connection speaks. A container's
 * subcommands are narrowed to the ones this server has.
 *
 * @module
 */

import type { ReplyEncoder } from '@mini-redis/resp';
import type { Command } from '../command.js';
import { COMMAND_DOCS, COMMAND_INFO } from './redis-commands.js';

/**
 * A value as redis-commands.ts holds it: a bulk string, an integer, an
 * array, a set, a simple string, or a map.
 */
export type DocValue =
  | string
  | number
  | readonly DocValue[]
  | { readonly $set: readonly DocValue[] }
  | { readonly $simple: string }
  | { readonly [field: string]: DocValue };

/** Writes `command`'s docs map (as Redis's, with only this server's subcommands). */
export function writeCommandDocs(reply: ReplyEncoder, command: Command): void {
  const docs = COMMAND_DOCS[command.name] ?? {};
  const fields = Object.entries(docs);
  reply.mapHeader(fields.length);
  for (const [field, value] of fields) {
    reply.bulk(field);
    if (field === 'subcommands' && command.subcommands !== undefined) {
      // Redis names them `container|sub`.
      const ours = Object.entries(value as { readonly [name: string]: DocValue }).filter(([name]) =>
        command.subcommands!.has(name.slice(name.indexOf('|') + 1)),
      );
      reply.mapHeader(ours.length);
      for (const [name, subcommand] of ours) {
        reply.bulk(name);
        writeValue(reply, subcommand);
      }
    } else writeValue(reply, value);
  }
}

// Where COMMAND INFO's description holds the subcommands' descriptions.
const INFO_SUBCOMMANDS = 9;

/** Writes `command`'s ten-element COMMAND INFO description (Redis's, with only this server's subcommands). */
export function writeCommandInfo(reply: ReplyEncoder, command: Command): void {
  const info = COMMAND_INFO[command.name] ?? [];
  reply.arrayHeader(info.length);
  for (let i = 0; i < info.length; i++) {
    const value = info[i]!;
    if (i === INFO_SUBCOMMANDS && command.subcommands !== undefined) {
      // An array of descriptions of their own, each named `container|sub`.
      const ours = (value as readonly (readonly DocValue[])[]).filter((subcommand) =>
        isOurs(command, subcommand[0] as string),
      );
      writeValue(reply, ours);
    } else writeValue(reply, value);
  }
}

function isOurs(command: Command, name: string): boolean {
  return command.subcommands!.has(name.slice(name.indexOf('|') + 1));
}

function writeValue(reply: ReplyEncoder, value: DocValue): void {
  if (typeof value === 'string') reply.bulk(value);
  else if (typeof value === 'number') reply.integer(value);
  else if (Array.isArray(value)) {
    reply.arrayHeader(value.length);
    for (const item of value) writeValue(reply, item);
  } else if ('$simple' in value) {
    reply.simple((value as { readonly $simple: string }).$simple);
  } else if ('$set' in value) {
    const items = (value as { readonly $set: readonly DocValue[] }).$set;
    reply.setHeader(items.length);
    for (const item of items) writeValue(reply, item);
  } else {
    const fields = Object.entries(value as { readonly [field: string]: DocValue });
    reply.mapHeader(fields.length);
    for (const [field, item] of fields) {
      reply.bulk(field);
      writeValue(reply, item);
    }
  }
}

/**
 * Writes the COMMAND INFO description of `command`'s subcommand
 * `fullName` ("config|get"), as Redis describes a subcommand asked for
 * by its full name.
 */
export function writeSubcommandInfo(reply: ReplyEncoder, command: Command, fullName: string): void {
  const subcommands = (COMMAND_INFO[command.name]?.[INFO_SUBCOMMANDS] ??
    []) as readonly (readonly DocValue[])[];
  writeValue(reply, subcommands.find((subcommand) => subcommand[0] === fullName) ?? []);
}

/** Writes the COMMAND DOCS map of `command`'s subcommand `fullName`. */
export function writeSubcommandDocs(reply: ReplyEncoder, command: Command, fullName: string): void {
  const subcommands = (COMMAND_DOCS[command.name]?.subcommands ?? {}) as {
    readonly [name: string]: DocValue;
  };
  writeValue(reply, subcommands[fullName] ?? {});
}
