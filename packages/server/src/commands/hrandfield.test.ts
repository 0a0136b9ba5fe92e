// HRANDFIELD: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, bulks, CommandHarness, err } from '../../test/command-harness.js';

// The bulks of a flat reply, in order.
function items(reply: string): string[] {
  return reply
    .split('\r\n')
    .filter((line, i) => i > 0 && line !== '' && !line.startsWith('$') && !line.startsWith('*'));
}

describe('HRANDFIELD', () => {
  it('draws one field, or a null bulk for an absent key', () => {
    const h = new CommandHarness();
    h.run('HSET', 'h', 'a', '1', 'b', '2');
    for (let i = 0; i < 20; i++) expect(['a', 'b']).toContain(items(h.run('HRANDFIELD', 'h'))[0]);
    expect(h.run('HRANDFIELD', 'nokey')).toBe('$-1\r\n');
  });

  it('replies with the whole hash, in order, for a count as large', () => {
    const h = new CommandHarness();
    h.run('HSET', 'h', 'a', '1', 'b', '2');
    expect(h.run('HRANDFIELD', 'h', '2')).toBe(bulks('a', 'b'));
    expect(h.run('HRANDFIELD', 'h', '100', 'WITHVALUES')).toBe(bulks('a', '1', 'b', '2'));
    expect(h.run('HRANDFIELD', 'h', '0')).toBe('*0\r\n');
    expect(h.run('HRANDFIELD', 'nokey', '3')).toBe('*0\r\n');
  });

  it('draws distinct fields for a positive count, and may repeat for a negative one', () => {
    const h = new CommandHarness();
    const fields = Array.from({ length: 1000 }, (_, i) => [`f${i}`, `v${i}`]).flat();
    h.run('HSET', 'h', ...fields);
    for (const count of [5, 400, 999]) {
      const picked = items(h.run('HRANDFIELD', 'h', String(count)));
      expect(picked).toHaveLength(count);
      expect(new Set(picked).size).toBe(count);
    }
    const drawn = items(h.run('HRANDFIELD', 'h', '-3000', 'WITHVALUES'));
    expect(drawn).toHaveLength(6000);
    for (let i = 0; i < drawn.length; i += 2) expect(drawn[i + 1]).toBe(`v${drawn[i]!.slice(1)}`);
    // 3,000 draws of 1,000 fields repeat some.
    expect(new Set(drawn.filter((_, i) => i % 2 === 0)).size).toBeLessThan(3000);
  });

  it('pairs fields with values in RESP3', () => {
    const h = new CommandHarness();
    const client = h.connect();
    client.run('HELLO', '3');
    client.run('HSET', 'h', 'a', '1');
    expect(client.run('HRANDFIELD', 'h', '-2', 'WITHVALUES')).toBe(
      `*2\r\n*2\r\n${bulk('a')}${bulk('1')}*2\r\n${bulk('a')}${bulk('1')}`,
    );
  });

  it("refuses a bad count with Redis's texts, and bounds a reply", () => {
    const h = new CommandHarness();
    h.run('HSET', 'h', 'a', '1');
    expect(h.run('HRANDFIELD', 'h', 'x')).toBe(err('ERR value is not an integer or out of range'));
    expect(h.run('HRANDFIELD', 'h', '-9223372036854775808')).toBe(
      err(
        'ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807',
      ),
    );
    expect(h.run('HRANDFIELD', 'h', '1', 'WITHVALUE')).toBe(err('ERR syntax error'));
    expect(h.run('HRANDFIELD', 'h', '-4611686018427387904', 'WITHVALUES')).toBe(
      err('ERR value is out of range'),
    );
    // Redis would build this reply until memory ran out.
    expect(h.run('HRANDFIELD', 'h', '-1000000000')).toBe(err('ERR value is out of range'));
    h.run('SET', 's', 'v');
    expect(h.run('HRANDFIELD', 's')).toBe(
      err('WRONGTYPE Operation against a key holding the wrong kind of value'),
    );
  });
});
