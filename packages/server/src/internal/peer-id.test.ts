// peerId: addresses as Redis's formatPeerId writes them.
import { describe, expect, it } from 'vitest';
import { peerId } from './peer-id.js';

describe('peerId', () => {
  it('writes IPv4 as ip:port and IPv6 in brackets', () => {
    expect(peerId('127.0.0.1', 6379)).toBe('127.0.0.1:6379');
    expect(peerId('::1', 50000)).toBe('[::1]:50000');
    expect(peerId('::ffff:127.0.0.1', 1)).toBe('[::ffff:127.0.0.1]:1');
  });
});
