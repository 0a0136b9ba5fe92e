/**
 * Redis's rule for client names (CLIENT SETNAME, HELLO SETNAME): printable
 * ASCII from `!` to `~`, so no spaces or newlines.
 *
 * @module
 */

/** True when `name` may be a client name. */
export function validClientName(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (code < 33 || code > 126) return false;
  }
  return true;
}
