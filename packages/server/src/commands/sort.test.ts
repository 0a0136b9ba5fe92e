// SORT: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, bulks, CommandHarness, err, int } from '../../test/command-harness.js';

function numbers(): CommandHarness {
  const h = new CommandHarness();
  h.run('RPUSH', 'l', '3', '1', '2', '10', '1.50', '1.5');
  return h;
}

describe('SORT', () => {
  it('sorts numbers, ties by their bytes, or ALPHA by bytes', () => {
    const h = numbers();
    expect(h.run('SORT', 'l')).toBe(bulks('1', '1.5', '1.50', '2', '3', '10'));
    expect(h.run('SORT', 'l', 'DESC', 'LIMIT', '1', '2')).toBe(bulks('3', '2'));
    expect(h.run('SORT', 'l', 'ALPHA')).toBe(bulks('1', '1.5', '1.50', '10', '2', '3'));
    h.run('RPUSH', 'w', 'b', 'a');
    expect(h.run('SORT', 'w')).toBe(err("ERR One or more scores can't be converted into double"));
  });

  it('sorts BY other keys and hash fields, GETs values, # for the element', () => {
    const h = numbers();
    h.run('MSET', 'w_3', '1', 'w_1', '3', 'w_2', '2', 'name_3', 'three');
    h.run('HSET', 'h_2', 'f', 'two');
    expect(h.run('SORT', 'l', 'BY', 'w_*', 'LIMIT', '0', '4')).toBe(
      bulks('1.5', '1.50', '10', '3'),
    );
    expect(
      h.run(
        'SORT',
        'l',
        'BY',
        'w_*',
        'GET',
        '#',
        'GET',
        'name_*',
        'GET',
        'h_*->f',
        'LIMIT',
        '5',
        '1',
      ),
    ).toBe(bulks('1', null, null));
    expect(h.run('SORT', 'l', 'BY', 'nosort', 'GET', 'h_*->f')).toBe(
      bulks(null, null, 'two', null, null, null),
    );
  });

  it('STOREs the result as a list, deleting the destination when it is empty', () => {
    const h = numbers();
    h.run('SET', 'dst', 'x', 'EX', '100');
    expect(h.run('SORT', 'l', 'LIMIT', '0', '2', 'STORE', 'dst')).toBe(int(2));
    expect(h.run('LRANGE', 'dst', '0', '-1')).toBe(bulks('1', '1.5'));
    expect(h.run('TTL', 'dst')).toBe(int(-1));
    expect(h.run('SORT', 'missing', 'STORE', 'dst')).toBe(int(0));
    expect(h.run('EXISTS', 'dst')).toBe(int(0));
  });

  it('sorts sets and sorted sets; BY nosort keeps a sorted set in its order', () => {
    const h = new CommandHarness();
    h.run('SADD', 's', 'b', 'a', 'c');
    expect(h.run('SORT', 's', 'ALPHA', 'DESC')).toBe(bulks('c', 'b', 'a'));
    h.run('ZADD', 'z', '3', 'a', '1', 'c', '2', 'b');
    expect(h.run('SORT', 'z', 'BY', 'nosort', 'DESC', 'LIMIT', '0', '2')).toBe(bulks('a', 'b'));
    // Redis converts the sorted set it sorts to a skip list.
    expect(h.run('OBJECT', 'ENCODING', 'z')).toBe(bulk('skiplist'));
    h.run('SET', 'str', 'x');
    expect(h.run('SORT', 'str')).toBe(
      err('WRONGTYPE Operation against a key holding the wrong kind of value'),
    );
    expect(h.run('SORT', 's', 'LIMIT', 'x', '1')).toBe(
      err('ERR value is not an integer or out of range'),
    );
    expect(h.run('SORT', 's', 'NOPE')).toBe(err('ERR syntax error'));
  });
});
