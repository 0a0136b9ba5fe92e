// HELP subcommands: Redis 7.0's addReplyHelp form, with the lines of the
// subcommands this server has, and HELP's arity.
import { describe, expect, it } from 'vitest';
import { CommandHarness, err } from '../../test/command-harness.js';

const simples = (...lines: string[]) =>
  `*${lines.length}\r\n${lines.map((line) => `+${line}\r\n`).join('')}`;
const usage = (command: string) =>
  `${command} <subcommand> [<arg> [value] [opt] ...]. Subcommands are:`;
const HELP_ITSELF = ['HELP', '    Prints this help.'];

describe('HELP subcommands', () => {
  it('PUBSUB HELP lists CHANNELS, NUMPAT, NUMSUB, SHARDCHANNELS and SHARDNUMSUB in Redis 7.0 words', () => {
    const h = new CommandHarness();
    expect(h.run('pubsub', 'help')).toBe(
      simples(
        usage('PUBSUB'),
        'CHANNELS [<pattern>]',
        "    Return the currently active channels matching a <pattern> (default: '*').",
        'NUMPAT',
        '    Return number of subscriptions to patterns.',
        'NUMSUB [<channel> ...]',
        '    Return the number of subscribers for the specified channels, excluding',
        '    pattern subscriptions(default: no channels).',
        'SHARDCHANNELS [<pattern>]',
        "    Return the currently active shard level channels matching a <pattern> (default: '*').",
        'SHARDNUMSUB [<shardchannel> ...]',
        '    Return the number of subscribers for the specified shard level channel(s)',
        ...HELP_ITSELF,
      ),
    );
  });

  it('CONFIG HELP lists GET, SET, RESETSTAT and REWRITE', () => {
    const h = new CommandHarness();
    expect(h.run('CONFIG', 'HELP')).toBe(
      simples(
        usage('CONFIG'),
        'GET <pattern>',
        '    Return parameters matching the glob-like <pattern> and their values.',
        'SET <directive> <value>',
        '    Set the configuration <directive> to <value>.',
        'RESETSTAT',
        '    Reset statistics reported by the INFO command.',
        'REWRITE',
        '    Rewrite the configuration file.',
        ...HELP_ITSELF,
      ),
    );
  });

  it('COMMAND HELP and CLIENT HELP use the same form', () => {
    const h = new CommandHarness();
    const command = h.run('COMMAND', 'HELP');
    expect(command.startsWith(`*21\r\n+${usage('COMMAND')}\r\n+(no subcommand)\r\n`)).toBe(true);
    expect(command.endsWith('+HELP\r\n+    Prints this help.\r\n')).toBe(true);
    const client = h.run('CLIENT', 'HELP');
    expect(client.startsWith(`*52\r\n+${usage('CLIENT')}\r\n+CACHING (YES|NO)\r\n`)).toBe(true);
    expect(client).toContain(
      '+TRACKING (ON|OFF) [REDIRECT <id>] [BCAST] [PREFIX <prefix> [...]]\r\n+         [OPTIN] [OPTOUT] [NOLOOP]\r\n',
    );
    expect(client).toContain('+    * ID <client-id>\r\n+      Kill connections by client id.\r\n');
    expect(client).toContain(
      '+UNPAUSE\r\n+    Stop the current client pause, resuming traffic.\r\n+PAUSE <timeout> [WRITE|ALL]\r\n',
    );
    expect(client.endsWith('+HELP\r\n+    Prints this help.\r\n')).toBe(true);
  });

  it('HELP takes no arguments, as Redis says', () => {
    const h = new CommandHarness();
    for (const command of ['PUBSUB', 'COMMAND', 'CONFIG', 'CLIENT'])
      expect(h.run(command, 'HELP', 'x')).toBe(
        err(`ERR wrong number of arguments for '${command.toLowerCase()}|help' command`),
      );
  });
});
