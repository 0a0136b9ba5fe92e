/**
 * Redis's CRC-64 (crc64.c): the Jones polynomial, reflected, starting at
 * 0 with no final XOR. DUMP and FUNCTION DUMP payloads end with it
 * (little-endian), and RESTORE checks it.
 *
 * @module
 */

// Reflected 0xad93d23594c935a9, one entry per byte value.
const TABLE = (() => {
  const polynomial = 0x95ac9329ac4bc9b5n;
  const table = new BigUint64Array(256);
  for (let byte = 0; byte < 256; byte++) {
    let crc = BigInt(byte);
    for (let bit = 0; bit < 8; bit++) crc = crc & 1n ? (crc >> 1n) ^ polynomial : crc >> 1n;
    table[byte] = crc;
  }
  return table;
})();

/** The CRC-64 of `bytes`, as Redis's crc64(0, bytes, length). */
export function crc64(bytes: Uint8Array): bigint {
  let crc = 0n;
  for (const byte of bytes) crc = TABLE[Number((crc ^ BigInt(byte)) & 0xffn)]! ^ (crc >> 8n);
  return crc;
}
