// The slow log: bounded copies of commands, newest first, at most
// slowlog-max-len of them.
import { encodeCommand, type RequestArgs, RequestDecoder } from '@mini-redis/resp';
import { describe, expect, it } from 'vitest';
import { Slowlog, slowlogArguments } from './slowlog.js';

function argsOf(...parts: string[]): RequestArgs {
  let decoded: RequestArgs | undefined;
  const decoder = new RequestDecoder({
    onCommand: (args) => {
      decoded = args.clone();
    },
    onError: (error) => {
      throw error;
    },
  });
  decoder.write(encodeCommand(parts));
  return decoded!;
}

const texts = (buffers: readonly Buffer[]) => buffers.map((buffer) => buffer.toString('latin1'));

describe('slowlogArguments', () => {
  it('keeps 32 arguments, the last saying how many more there were', () => {
    const many = Array.from({ length: 40 }, (_, i) => `m${i}`);
    const kept = texts(slowlogArguments('rpush', argsOf('RPUSH', 'k', ...many)));
    expect(kept).toHaveLength(32);
    expect(kept.slice(0, 3)).toEqual(['RPUSH', 'k', 'm0']);
    expect(kept[30]).toBe('m28');
    expect(kept[31]).toBe('... (11 more arguments)');
    // Exactly 32 are kept whole.
    expect(texts(slowlogArguments('rpush', argsOf('RPUSH', ...many.slice(0, 31))))).toHaveLength(
      32,
    );
  });

  it('keeps 128 bytes of an argument, saying how many more there were', () => {
    const kept = texts(slowlogArguments('set', argsOf('SET', 'k', 'x'.repeat(200))));
    expect(kept[2]).toBe(`${'x'.repeat(128)}... (72 more bytes)`);
    expect(texts(slowlogArguments('set', argsOf('SET', 'k', 'y'.repeat(128))))[2]).toBe(
      'y'.repeat(128),
    );
  });

  it('redacts passwords: AUTH, HELLO AUTH, CONFIG SET requirepass', () => {
    expect(texts(slowlogArguments('auth', argsOf('AUTH', 'user', 'pw')))).toEqual([
      'AUTH',
      '(redacted)',
      '(redacted)',
    ]);
    expect(
      texts(slowlogArguments('hello', argsOf('HELLO', '3', 'AUTH', 'u', 'p', 'SETNAME', 'n'))),
    ).toEqual(['HELLO', '3', 'AUTH', '(redacted)', '(redacted)', 'SETNAME', 'n']);
    expect(
      texts(
        slowlogArguments(
          'config',
          argsOf('CONFIG', 'SET', 'timeout', '5', 'REQUIREPASS', 'secret'),
        ),
      ),
    ).toEqual(['CONFIG', 'SET', 'timeout', '5', 'REQUIREPASS', '(redacted)']);
    // A copy: the request's buffer may be reused.
    const args = argsOf('GET', 'k');
    const kept = slowlogArguments('get', args);
    args.buffer(1)[0] = 0x7a;
    expect(texts(kept)).toEqual(['GET', 'k']);
  });
});

describe('Slowlog', () => {
  const entry = (name: string) => ({
    duration: 5,
    args: [Buffer.from(name)],
    client: '127.0.0.1:1',
    name: '',
  });

  it('keeps the newest entries, newest first, with increasing ids', () => {
    const log = new Slowlog();
    for (const name of ['a', 'b', 'c', 'd']) log.push(entry(name), 3);
    expect(log.length).toBe(3);
    expect(log.newest(10).map((e) => [e.id, texts(e.args)[0]])).toEqual([
      [3, 'd'],
      [2, 'c'],
      [1, 'b'],
    ]);
    expect(log.newest(1)).toHaveLength(1);
    expect(log.newest(0)).toEqual([]);
  });

  it('keeps counting ids after RESET, and trims at the next push after the bound shrinks', () => {
    const log = new Slowlog();
    for (let i = 0; i < 100; i++) log.push(entry(`e${i}`), 128);
    log.reset();
    expect(log.length).toBe(0);
    log.push(entry('x'), 128);
    expect(log.newest(1)[0]!.id).toBe(100);
    for (let i = 0; i < 10; i++) log.push(entry(`f${i}`), 128);
    expect(log.length).toBe(11);
    log.push(entry('last'), 2);
    expect(log.newest(5).map((e) => texts(e.args)[0])).toEqual(['last', 'f9']);
    log.push(entry('none'), 0);
    expect(log.length).toBe(0);
  });
});
