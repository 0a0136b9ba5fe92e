import { describe, expect, it } from 'vitest';
import {
  formatKeyspaceEvents,
  NOTIFY_EXPIRED,
  NOTIFY_GENERIC,
  NOTIFY_KEY_MISS,
  NOTIFY_KEYEVENT,
  NOTIFY_KEYSPACE,
  NOTIFY_NEW,
  NOTIFY_STRING,
  parseKeyspaceEvents,
} from './keyspace-events.js';

describe('notify-keyspace-events', () => {
  it('reads class letters as flags, and nothing else', () => {
    expect(parseKeyspaceEvents('')).toBe(0);
    expect(parseKeyspaceEvents('Kg$')).toBe(NOTIFY_KEYSPACE | NOTIFY_GENERIC | NOTIFY_STRING);
    expect(parseKeyspaceEvents('Exmn')).toBe(
      NOTIFY_KEYEVENT | NOTIFY_EXPIRED | NOTIFY_KEY_MISS | NOTIFY_NEW,
    );
    // A covers every class but m and n.
    const all = parseKeyspaceEvents('A')!;
    expect(all & NOTIFY_EXPIRED).toBe(NOTIFY_EXPIRED);
    expect(all & (NOTIFY_KEY_MISS | NOTIFY_NEW | NOTIFY_KEYSPACE | NOTIFY_KEYEVENT)).toBe(0);
    for (const bad of ['k', 'KEq', ' ', 'a', 'K E', 'é'])
      expect(parseKeyspaceEvents(bad)).toBeUndefined();
  });

  it("writes them back in Redis's order, dropping n under A as Redis does", () => {
    const spelled = (text: string) => formatKeyspaceEvents(parseKeyspaceEvents(text)!);
    expect(spelled('')).toBe('');
    expect(spelled('Ex$')).toBe('$xE');
    expect(spelled('KEA')).toBe('AKE');
    expect(spelled('KEAnm')).toBe('AKEm');
    expect(spelled('g$lshzxetd')).toBe('A');
    expect(spelled('ndtg')).toBe('gtdn');
    expect(spelled('KEnm$')).toBe('$nKEm');
  });
});
