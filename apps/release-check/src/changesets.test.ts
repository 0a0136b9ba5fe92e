// Changesets must stay parseable: `npm run version-packages` fails on a
// file whose frontmatter a formatter has rewritten (it happened once).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const directory = fileURLToPath(new URL('../../../.changeset', import.meta.url));
const PUBLISHED = new Set([
  '@mini-redis/channels',
  '@mini-redis/resp',
  '@mini-redis/client',
  '@mini-redis/server',
]);

describe('.changeset', () => {
  const files = readdirSync(directory).filter(
    (name) => name.endsWith('.md') && name !== 'README.md',
  );

  it.each(files)('%s names published packages and a bump in its frontmatter', (name) => {
    const text = readFileSync(join(directory, name), 'utf8');
    const match = /^---\n([\s\S]*?)\n---\n\n\S/.exec(text);
    expect(match).not.toBeNull();
    for (const line of match![1]!.split('\n')) {
      const entry = /^"(@mini-redis\/[a-z-]+)": (major|minor|patch)$/.exec(line);
      expect(entry, line).not.toBeNull();
      expect(PUBLISHED.has(entry![1]!)).toBe(true);
    }
  });
});
