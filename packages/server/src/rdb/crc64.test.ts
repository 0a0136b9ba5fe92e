import { describe, expect, it } from 'vitest';
import { crc64 } from './crc64.js';

describe('crc64', () => {
  it('is the Jones CRC-64 Redis uses (crc64.c check value)', () => {
    expect(crc64(Buffer.from('123456789'))).toBe(0xe9c6d914c4b8d9can);
    expect(crc64(Buffer.alloc(0))).toBe(0n);
  });
});
