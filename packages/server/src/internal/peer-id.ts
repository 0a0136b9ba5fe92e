/**
 * A client's or the server's address as Redis writes it in CLIENT LIST,
 * CLIENT KILL ADDR/LADDR and MONITOR lines (its `formatPeerId`):
 * `ip:port`, with an IPv6 address in brackets, `[::1]:6379`.
 *
 * @module
 */

/** `ip:port`, or `[ip]:port` when `ip` is IPv6. */
export function peerId(ip: string | undefined, port: number | undefined): string {
  const host = ip ?? '?';
  return host.includes(':') ? `[${host}]:${port ?? 0}` : `${host}:${port ?? 0}`;
}
