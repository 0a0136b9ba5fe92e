import { describe, expect, it } from 'vitest';
import {
  memoryText,
  REWRITE_SIGNATURE,
  rewriteConfigText,
  type SettingLines,
} from './config-rewrite.js';

// A setting's lines: [text, force] pairs.
const setting = (name: string, ...lines: [string, boolean][]): SettingLines => ({
  name,
  lines: lines.map(([text, force]) => ({ text, force })),
});

const ALIASES: Record<string, string> = { 'hash-max-ziplist-entries': 'hash-max-listpack-entries' };
const KNOWN = new Set(['port', 'save', 'timeout', 'hash-max-listpack-entries', 'pidfile', 'hz']);
const settingName = (word: string) => ALIASES[word] ?? (KNOWN.has(word) ? word : undefined);

describe('memoryText', () => {
  it('writes bytes with the largest unit that divides them', () => {
    expect(
      [
        '0',
        '1',
        '1023',
        '1024',
        '1536',
        '1048576',
        '1073741824',
        '3221225472',
        '18446744073709551615',
      ].map(memoryText),
    ).toEqual(['0', '1', '1023', '1kb', '1536', '1mb', '1gb', '3gb', '18446744073709551615']);
  });

  it('keeps what is not a byte count as it is', () => {
    expect(memoryText('10%')).toBe('10%');
  });
});

describe('rewriteConfigText', () => {
  it('writes each setting over its first line in the file, blanks the rest, and merges blank runs', () => {
    const old = '# top\n\n  port 1\nsave 1 1\n\n\nsave 2 2\nsave 3 3\ntimeout 5\n';
    const text = rewriteConfigText(
      old,
      [
        setting('port', ['port 7000', false]),
        setting('save', ['save 60 1', true]),
        setting('timeout', ['timeout 0', false]),
      ],
      settingName,
    );
    expect(text).toBe('# top\n\nport 7000\nsave 60 1\n\ntimeout 0\n\n');
  });

  it('appends a changed setting the file does not have under one signature, and leaves out unchanged ones', () => {
    const text = rewriteConfigText(
      'port 1',
      [
        setting('port', ['port 1', false]),
        setting('hz', ['hz 50', true]),
        setting('timeout', ['timeout 0', false]),
        setting('save', ['save 1 1', true], ['save 2 2', true]),
      ],
      settingName,
    );
    expect(text).toBe(`port 1\n${REWRITE_SIGNATURE}\nhz 50\nsave 1 1\nsave 2 2\n`);
    // Rewritten again: the signature is there already.
    expect(rewriteConfigText(text, [setting('timeout', ['timeout 9', true])], settingName)).toBe(
      `port 1\n${REWRITE_SIGNATURE}\nhz 50\nsave 1 1\nsave 2 2\n\ntimeout 9\n`,
    );
  });

  it("takes an alias's line for the setting, and blanks the lines of a setting that has none now", () => {
    const text = rewriteConfigText(
      'HASH-MAX-ZIPLIST-ENTRIES 100\npidfile "/run/x.pid"\n',
      [
        setting('hash-max-listpack-entries', ['hash-max-listpack-entries 7', true]),
        setting('pidfile'),
      ],
      settingName,
    );
    expect(text).toBe('hash-max-listpack-entries 7\n\n');
  });

  it('keeps directives it does not write, and turns lines naming no setting into comments', () => {
    const old = 'include /etc/x.conf\nrename-command GET ""\nnosuch 1\nport "open\n"" 1\n';
    const text = rewriteConfigText(old, [setting('port', ['port 1', false])], settingName);
    expect(text).toBe(
      'include /etc/x.conf\nrename-command GET ""\n# ??? nosuch 1\n# ??? port "open\n# ??? "" 1\n\n',
    );
  });

  it('writes a file that was empty or missing from the signature on', () => {
    for (const old of ['', undefined])
      expect(rewriteConfigText(old, [setting('hz', ['hz 50', true])], settingName)).toBe(
        `${REWRITE_SIGNATURE}\nhz 50\n`,
      );
  });
});
