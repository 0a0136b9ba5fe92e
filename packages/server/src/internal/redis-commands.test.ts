// Each command's own declaration (arity, flags, key positions) agrees with
// what Redis reports for it (redis-commands.ts), so dispatch, which reads
// the declarations, checks what COMMAND INFO tells clients.
import { describe, expect, it } from 'vitest';
import { commandTable } from '../commands/index.js';
import { COMMAND_INFO } from './redis-commands.js';

const simple = (value: unknown) => (value as { $simple: string }).$simple;

describe('command declarations against Redis 7.0', () => {
  for (const command of commandTable().values()) {
    it(command.name, () => {
      const info = COMMAND_INFO[command.name]!;
      expect(command.arity).toBe(info[1]);
      expect([...command.flags].sort()).toEqual(
        (info[2] as { $set: unknown[] }).$set.map(simple).sort(),
      );
      expect(command.keys).toEqual([info[3], info[4], info[5]]);
      if (command.subcommands !== undefined) {
        const theirs = new Map(
          (info[9] as unknown[][]).map((sub) => [
            (sub[0] as string).split('|')[1]!,
            sub[1] as number,
          ]),
        );
        for (const [name, arity] of command.subcommands) {
          // CLIENT SETINFO is Redis 7.2's, which this server follows there.
          if (`${command.name}|${name}` === 'client|setinfo') continue;
          expect([name, theirs.get(name)]).toEqual([name, arity]);
        }
      }
    });
  }
});
