/**
 * Redis's `sdscatrepr`: bytes as a double-quoted string a redis.conf line
 * or redis-cli reads back: `\\ \" \n \r \t \a \b` escaped, other printable
 * ASCII as is, and every other byte as `\xhh`. MONITOR's lines and CONFIG
 * REWRITE's string settings are written so.
 *
 * @module
 */

/** `bytes` in double quotes, escaped as Redis's sdscatrepr escapes them. */
export function repr(bytes: Uint8Array): string {
  let text = '"';
  for (const byte of bytes) {
    switch (byte) {
      case 0x5c:
        text += '\\\\';
        break;
      case 0x22:
        text += '\\"';
        break;
      case 0x0a:
        text += '\\n';
        break;
      case 0x0d:
        text += '\\r';
        break;
      case 0x09:
        text += '\\t';
        break;
      case 0x07:
        text += '\\a';
        break;
      case 0x08:
        text += '\\b';
        break;
      default:
        text +=
          byte >= 0x20 && byte <= 0x7e
            ? String.fromCharCode(byte)
            : `\\x${byte.toString(16).padStart(2, '0')}`;
    }
  }
  return `${text}"`;
}
