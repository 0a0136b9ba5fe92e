// XPENDING: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { array, bulk, bulks, CommandHarness, err, int } from '../../test/command-harness.js';

describe('XPENDING', () => {
  const h = new CommandHarness();
  h.run('XADD', 's', '1-0', 'f', 'v');
  h.run('XADD', 's', '2-0', 'f', 'v');
  h.run('XADD', 's', '3-0', 'f', 'v');
  h.run('XGROUP', 'CREATE', 's', 'g', '0');
  h.run('XREADGROUP', 'GROUP', 'g', 'bob', 'COUNT', '1', 'STREAMS', 's', '>');
  h.advance(100);
  h.run('XREADGROUP', 'GROUP', 'g', 'alice', 'STREAMS', 's', '>');
  h.advance(50);

  it('sums up: count, lowest and highest IDs, each consumer with entries', () => {
    expect(h.run('XPENDING', 's', 'g')).toBe(
      array(int(3), bulk('1-0'), bulk('3-0'), array(bulks('alice', '2'), bulks('bob', '1'))),
    );
  });

  it('lists a range with idle times and deliveries, by consumer and IDLE', () => {
    const row = (id: string, who: string, idle: number) =>
      array(bulk(id), bulk(who), int(idle), int(1));
    expect(h.run('XPENDING', 's', 'g', '-', '+', '10')).toBe(
      array(row('1-0', 'bob', 150), row('2-0', 'alice', 50), row('3-0', 'alice', 50)),
    );
    expect(h.run('XPENDING', 's', 'g', 'IDLE', '100', '-', '+', '10')).toBe(
      array(row('1-0', 'bob', 150)),
    );
    expect(h.run('XPENDING', 's', 'g', '(1-0', '+', '1', 'alice')).toBe(
      array(row('2-0', 'alice', 50)),
    );
    expect(h.run('XPENDING', 's', 'g', '-', '+', '10', 'nobody')).toBe('*0\r\n');
  });

  it('errors as Redis: the range first, then the group', () => {
    expect(h.run('XPENDING', 's', 'g', '-', '+')).toBe(err('ERR syntax error'));
    expect(h.run('XPENDING', 's', 'nog', 'x', '+', '1')).toBe(
      err('ERR Invalid stream ID specified as stream command argument'),
    );
    expect(h.run('XPENDING', 's', 'nog')).toBe(
      err("NOGROUP No such key 's' or consumer group 'nog'"),
    );
  });
});
