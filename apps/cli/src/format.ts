/**
 * Printing replies the way `redis-cli` does in a terminal: status replies
 * bare (`OK`), bulk strings quoted (`"bar"`), `(integer) 1`, `(nil)`,
 * `(error) ERR ...`, numbered lines for arrays (nested ones indented),
 * `(empty array)`, and RESP3 maps as `1# "key" => value`; a tracking
 * invalidation push as `-> invalidate: 'key'` (`formatPush`).
 *
 * @module
 */

import type { Frame } from '@mini-redis/resp';

// redis-cli quotes strings and escapes what is not printable.
function quote(bytes: Buffer): string {
  let out = '"';
  for (const code of bytes) {
    if (code === 34 || code === 92) out += `\\${String.fromCharCode(code)}`;
    else if (code === 10) out += '\\n';
    else if (code === 13) out += '\\r';
    else if (code === 9) out += '\\t';
    else if (code < 32 || code >= 127) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += String.fromCharCode(code);
  }
  return `${out}"`;
}

function list(items: readonly string[][], indent: number, mark: string): string {
  if (items.length === 0) return mark === ')' ? '(empty array)' : '(empty hash)';
  const width = String(items.length).length;
  return items
    .map((parts, i) => {
      const label = `${String(i + 1).padStart(width)}${mark} `;
      return (i === 0 ? '' : ' '.repeat(indent)) + label + parts.join('');
    })
    .join('\n');
}

/** The text redis-cli would print for `frame`. */
export function formatFrame(frame: Frame, indent = 0): string {
  switch (frame.type) {
    case 'simple':
      return frame.value;
    case 'error':
      return `(error) ${frame.value}`;
    case 'blob-error':
      return `(error) ${frame.value.toString('utf8')}`;
    case 'integer':
      return `(integer) ${frame.value}`;
    case 'bulk':
      return quote(frame.value);
    case 'verbatim':
      return quote(frame.value);
    case 'null-bulk':
    case 'null-array':
    case 'null':
      return '(nil)';
    case 'boolean':
      return frame.value ? '(true)' : '(false)';
    case 'double':
      return `(double) ${frame.value}`;
    case 'bignum':
      return `(big number) ${frame.value}`;
    case 'array':
    case 'set':
    case 'push': {
      const width = String(frame.value.length).length + 2;
      return list(
        frame.value.map((item) => [formatFrame(item, indent + width)]),
        indent,
        ')',
      );
    }
    case 'map': {
      const width = String(frame.value.length).length + 2;
      return list(
        frame.value.map(([key, value]) => [
          formatFrame(key, indent + width),
          ' => ',
          formatFrame(value, indent + width),
        ]),
        indent,
        '#',
      );
    }
    case 'attribute':
      return formatFrame(frame.value, indent);
  }
}

/**
 * The text redis-cli prints for a RESP3 push read before a reply: an
 * invalidation of keys (CLIENT TRACKING) as `-> invalidate: 'a', 'b'`, any
 * other push as a reply.
 */
export function formatPush(frame: Frame): string {
  if (frame.type === 'push' && frame.value.length === 2) {
    const [kind, keys] = frame.value;
    if (
      kind!.type === 'bulk' &&
      kind!.value.toString('latin1') === 'invalidate' &&
      keys!.type === 'array'
    ) {
      const names = keys!.value.map((key) =>
        key.type === 'bulk' ? `'${key.value.toString('utf8')}'` : formatFrame(key),
      );
      return `-> invalidate: ${names.join(', ')}`;
    }
  }
  return formatFrame(frame);
}
