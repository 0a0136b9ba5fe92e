import { describe, expect, it } from 'vitest';
import { List } from './list.js';

const b = (text: string) => Buffer.from(text);
const texts = (list: List) => [...list.values()].map(String);

describe('List', () => {
  it('pushes and pops at both ends across wrap-arounds and growth', () => {
    const list = new List(-2);
    // A model to check against: a plain array.
    const model: string[] = [];
    for (let i = 0; i < 500; i++) {
      const op = (i * 7) % 5;
      if (op === 0 || op === 3) {
        list.push(b(`l${i}`), true);
        model.unshift(`l${i}`);
      } else if (op === 1) {
        list.push(b(`r${i}`), false);
        model.push(`r${i}`);
      } else if (op === 2) {
        expect(String(list.pop(true) ?? '')).toBe(model.shift() ?? '');
      } else {
        expect(String(list.pop(false) ?? '')).toBe(model.pop() ?? '');
      }
      expect(list.length).toBe(model.length);
    }
    expect(texts(list)).toEqual(model);
    expect(String(list.at(0))).toBe(model[0]);
    expect(String(list.at(-1))).toBe(model.at(-1));
    expect(list.at(model.length)).toBeUndefined();
  });

  it('removes, inserts, trims and sets in the middle', () => {
    const list = new List(-2);
    for (const text of ['a', 'b', 'a', 'c', 'a']) list.push(b(text), false);
    expect(list.remove(b('a'), 1, false)).toBe(1);
    expect(texts(list)).toEqual(['a', 'b', 'a', 'c']);
    expect(list.insert(b('b'), b('x'), true)).toBe(true);
    expect(list.insert(b('zz'), b('x'), true)).toBe(false);
    expect(texts(list)).toEqual(['a', 'b', 'x', 'a', 'c']);
    expect(list.set(-1, b('z'))).toBe(true);
    expect(list.set(5, b('z'))).toBe(false);
    list.trim(1, 3);
    expect(texts(list)).toEqual(['b', 'x', 'a']);
    expect(list.remove(b('a'), 0, true)).toBe(1);
    list.clear();
    expect(list.length).toBe(0);
    expect(list.pop(true)).toBeUndefined();
  });

  it('copies with elements of its own', () => {
    const list = new List(-2);
    list.push(b('a'), false);
    const copy = list.copy();
    copy.at(0)![0] = 0x7a;
    expect(texts(list)).toEqual(['a']);
    expect(texts(copy)).toEqual(['z']);
  });
});
