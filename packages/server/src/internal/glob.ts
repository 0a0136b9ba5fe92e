/**
 * Glob matching exactly as Redis's `stringmatchlen` does it, for KEYS,
 * SCAN MATCH, PSUBSCRIBE and PUBSUB CHANNELS: `*`, `?`, `[abc]`, `[^abc]`,
 * `[a-z]`, and `\` escaping the next character. Works on Latin-1 strings,
 * one character per byte, like every key in the server.
 *
 * @module
 */

/**
 * True when `text` matches `pattern`. Iterative, so a hostile pattern
 * cannot overflow the stack.
 *
 * As in Redis, the empty text matches only the empty pattern (its loop
 * never starts), so not even `*`: KEYS and SCAN treat a lone `*` as "every
 * key" before they get here, and PSUBSCRIBE `*` does not receive messages
 * published to the channel named "".
 */
export function globMatch(pattern: string, text: string): boolean {
  if (text.length === 0) return pattern.length === 0;
  let p = 0;
  let t = 0;
  // Where to resume after the most recent `*`, so backtracking is linear-ish.
  let starP = -1;
  let starT = -1;
  while (t < text.length) {
    if (p < pattern.length) {
      const c = pattern[p]!;
      if (c === '*') {
        while (pattern[p + 1] === '*') p++;
        starP = p++;
        starT = t;
        continue;
      }
      if (c === '?') {
        p++;
        t++;
        continue;
      }
      if (c === '[') {
        const [matched, next] = matchClass(pattern, p, text[t]!);
        if (matched) {
          p = next;
          t++;
          continue;
        }
      } else if (c === '\\' && p + 1 < pattern.length) {
        if (pattern[p + 1] === text[t]) {
          p += 2;
          t++;
          continue;
        }
      } else if (c === text[t]) {
        p++;
        t++;
        continue;
      }
    }
    if (starP === -1) return false;
    p = starP + 1;
    t = ++starT;
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}

// Matches `ch` against the class starting at pattern[start] === '['.
// Returns whether it matched and the index after the class. The checks
// come in stringmatchlen's order; a range's end may be the `]` that
// would have closed the class (`[a-]` is a..']'), and a class the pattern
// ends inside closes there, holding what it has read.
function matchClass(pattern: string, start: number, ch: string): [boolean, number] {
  let p = start + 1;
  const not = pattern[p] === '^';
  if (not) p++;
  let matched = false;
  for (;;) {
    const c = pattern[p];
    if (c === '\\' && p + 1 < pattern.length) {
      p++;
      if (pattern[p] === ch) matched = true;
    } else if (c === ']') {
      break;
    } else if (p >= pattern.length) {
      return [not ? !matched : matched, pattern.length];
    } else if (pattern[p + 1] === '-' && p + 2 < pattern.length) {
      let low = pattern.charCodeAt(p);
      let high = pattern.charCodeAt(p + 2);
      if (low > high) [low, high] = [high, low];
      const code = ch.charCodeAt(0);
      if (code >= low && code <= high) matched = true;
      p += 2;
    } else if (c === ch) {
      matched = true;
    }
    p++;
  }
  return [not ? !matched : matched, p + 1];
}
