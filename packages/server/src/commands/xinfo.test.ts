// XINFO: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { array, bulk, CommandHarness, err, int, streamEntry } from '../../test/command-harness.js';

describe('XINFO', () => {
  it('STREAM: length, the radix tree, IDs, counters, groups, first and last', () => {
    const h = new CommandHarness();
    h.run('XADD', 's', '1-1', 'a', '1');
    h.run('XADD', 's', '1-2', 'b', '2');
    h.run('XDEL', 's', '1-2');
    h.run('XGROUP', 'CREATE', 's', 'g', '0');
    expect(h.run('XINFO', 'STREAM', 's')).toBe(
      array(
        bulk('length'),
        int(1),
        bulk('radix-tree-keys'),
        int(1),
        bulk('radix-tree-nodes'),
        int(2),
        bulk('last-generated-id'),
        bulk('1-2'),
        bulk('max-deleted-entry-id'),
        bulk('1-2'),
        bulk('entries-added'),
        int(2),
        bulk('recorded-first-entry-id'),
        bulk('1-1'),
        bulk('groups'),
        int(1),
        bulk('first-entry'),
        streamEntry('1-1', 'a', '1'),
        bulk('last-entry'),
        streamEntry('1-1', 'a', '1'),
      ),
    );
  });

  it('GROUPS with entries-read and lag; CONSUMERS with idle time', () => {
    const h = new CommandHarness();
    h.run('XADD', 's', '1-0', 'f', 'v');
    h.run('XADD', 's', '2-0', 'f', 'v');
    h.run('XGROUP', 'CREATE', 's', 'g', '0');
    h.run('XREADGROUP', 'GROUP', 'g', 'c', 'COUNT', '1', 'STREAMS', 's', '>');
    expect(h.run('XINFO', 'GROUPS', 's')).toBe(
      array(
        array(
          bulk('name'),
          bulk('g'),
          bulk('consumers'),
          int(1),
          bulk('pending'),
          int(1),
          bulk('last-delivered-id'),
          bulk('1-0'),
          bulk('entries-read'),
          int(1),
          bulk('lag'),
          int(1),
        ),
      ),
    );
    h.advance(42);
    expect(h.run('XINFO', 'CONSUMERS', 's', 'g')).toBe(
      array(array(bulk('name'), bulk('c'), bulk('pending'), int(1), bulk('idle'), int(42))),
    );
  });

  it('STREAM FULL: entries, and each group with its pending entries and consumers', () => {
    const h = new CommandHarness();
    h.run('XADD', 's', '1-0', 'f', 'v');
    h.run('XADD', 's', '2-0', 'g', 'w');
    h.run('XGROUP', 'CREATE', 's', 'g', '0');
    h.run('XREADGROUP', 'GROUP', 'g', 'c', 'COUNT', '1', 'STREAMS', 's', '>');
    const delivered = int(h.now);
    expect(h.run('XINFO', 'STREAM', 's', 'FULL', 'COUNT', '1')).toBe(
      array(
        bulk('length'),
        int(2),
        bulk('radix-tree-keys'),
        int(1),
        bulk('radix-tree-nodes'),
        int(2),
        bulk('last-generated-id'),
        bulk('2-0'),
        bulk('max-deleted-entry-id'),
        bulk('0-0'),
        bulk('entries-added'),
        int(2),
        bulk('recorded-first-entry-id'),
        bulk('1-0'),
        bulk('entries'),
        array(streamEntry('1-0', 'f', 'v')),
        bulk('groups'),
        array(
          array(
            bulk('name'),
            bulk('g'),
            bulk('last-delivered-id'),
            bulk('1-0'),
            bulk('entries-read'),
            int(1),
            bulk('lag'),
            int(1),
            bulk('pel-count'),
            int(1),
            bulk('pending'),
            array(array(bulk('1-0'), bulk('c'), delivered, int(1))),
            bulk('consumers'),
            array(
              array(
                bulk('name'),
                bulk('c'),
                bulk('seen-time'),
                delivered,
                bulk('pel-count'),
                int(1),
                bulk('pending'),
                array(array(bulk('1-0'), delivered, int(1))),
              ),
            ),
          ),
        ),
      ),
    );
  });

  it('errors as Redis', () => {
    const h = new CommandHarness();
    expect(h.run('XINFO', 'STREAM', 'missing')).toBe(err('ERR no such key'));
    h.run('XADD', 's', '1-0', 'f', 'v');
    expect(h.run('XINFO', 'CONSUMERS', 's', 'nog')).toBe(
      err("NOGROUP No such consumer group 'nog' for key name 's'"),
    );
    expect(h.run('XINFO', 'STREAM', 's', 'FULL', 'COUNT')).toBe(
      err("ERR unknown subcommand or wrong number of arguments for 'STREAM'. Try XINFO HELP."),
    );
  });
});
