/**
 * Parsing the address forms the client accepts:
 *
 * ```text
 * host:port
 * redis://[[username]:password@]host[:port][/db]
 * rediss://...            (TLS)
 * ```
 *
 * @module
 */

import { ClientError } from './errors.js';

/** Where and how to connect. */
export interface Address {
  readonly host: string;
  readonly port: number;
  readonly tls: boolean;
  readonly username?: string;
  readonly password?: string;
  readonly db: number;
}

/**
 * Parses an address; `host:port` and `host` default to port 6379.
 *
 * @throws ClientError `ERR_INVALID_ADDRESS` for anything else.
 */
export function parseAddress(address: string): Address {
  const invalid = (why: string) =>
    new ClientError(
      'ERR_INVALID_ADDRESS',
      `Expected a Redis address (host:port or redis://...), got '${address}': ${why}`,
    );
  if (address.startsWith('redis://') || address.startsWith('rediss://')) {
    let url: URL;
    try {
      url = new URL(address);
    } catch {
      throw invalid('not a URL');
    }
    // Settings in a query (`?db=2`, `?password=...`) are read by some other
    // clients: ignoring them would quietly use database 0 or no password.
    if (url.search !== '' || url.hash !== '')
      throw invalid(
        'query and fragment are not read: put the database in the path (redis://host:port/2) and other settings in the options',
      );
    const port = url.port === '' ? 6379 : Number(url.port);
    // The URL parser takes 0 to 65535; 0 is no port to connect to.
    if (port === 0) throw invalid('port 0 is out of range');
    const path = url.pathname.replace(/^\//, '');
    const db = path === '' ? 0 : Number(path);
    if (!/^\d*$/.test(path) || !Number.isSafeInteger(db))
      throw invalid(`database '${path}' is not a number`);
    let username: string;
    let password: string;
    try {
      username = decodeURIComponent(url.username);
      password = decodeURIComponent(url.password);
    } catch {
      throw invalid('the username or password has a malformed %-escape');
    }
    return {
      host: url.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1',
      port,
      tls: url.protocol === 'rediss:',
      db,
      ...(username === '' ? {} : { username }),
      ...(password === '' ? {} : { password }),
    };
  }
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(address);
  if (match === null) throw invalid('unrecognized form');
  const port = match[2] === undefined ? 6379 : Number(match[2]);
  if (port < 1 || port > 65535) throw invalid(`port ${port} is out of range`);
  return { host: match[1]!.replace(/^\[|\]$/g, ''), port, tls: false, db: 0 };
}
