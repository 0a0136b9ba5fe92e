/**
 * Parsing the address forms the client accepts:
 *
 * ```text
 * host:port
 * redis://[[username]:password@]host[:port][/db]
 * rediss://...            (TLS)
 * /path/to/redis.sock     (a Unix socket)
 * unix:///path/to/redis.sock
 * unix://[[username]:password@]/path/to/redis.sock[?db=N]
 * ```
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import process from 'node:process';
import { ClientError } from './errors.js';

/** Where and how to connect. */
export interface Address {
  /** Host name or IP address; '' for a Unix socket. */
  readonly host: string;
  /** TCP port; 0 for a Unix socket. */
  readonly port: number;
  /** A Unix socket's path: given, the client connects there (host and port are unused). */
  readonly path?: string;
  readonly tls: boolean;
  readonly username?: string;
  readonly password?: string;
  readonly db: number;
}

/**
 * Parses an address; `host:port` and `host` default to port 6379. A Unix
 * socket is an absolute path, alone or in a `unix:` URL (redis-py's form,
 * the database in a `?db=` query as the path is the socket's).
 *
 * @throws ClientError `ERR_INVALID_ADDRESS` for anything else.
 */
export function parseAddress(address: string): Address {
  const invalid = (why: string) =>
    new ClientError(
      'ERR_INVALID_ADDRESS',
      `Expected a Redis address (host:port, redis://... or a Unix socket's path), got '${address}': ${why}`,
    );
  if (address.startsWith('/'))
    return { host: '', port: 0, path: socketPath(address, invalid), tls: false, db: 0 };
  if (address.startsWith('unix:')) return parseUnixUrl(address, invalid);
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
    return {
      host: url.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1',
      port,
      tls: url.protocol === 'rediss:',
      db,
      ...credentials(url.username, url.password, invalid),
    };
  }
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(address);
  if (match === null) throw invalid('unrecognized form');
  const port = match[2] === undefined ? 6379 : Number(match[2]);
  if (port < 1 || port > 65535) throw invalid(`port ${port} is out of range`);
  return { host: match[1]!.replace(/^\[|\]$/g, ''), port, tls: false, db: 0 };
}

/** A host and TCP port: where a sentinel or a cluster node says a server is. */
export interface HostPort {
  readonly host: string;
  readonly port: number;
}

/**
 * @internal `at` through a user's `mapAddress` (Sentinel's and the
 * cluster's option for servers behind NAT or in containers), checked.
 *
 * @throws Error when it returns something that is not an address.
 */
export function mapHostPort(
  map: ((address: HostPort) => HostPort) | undefined,
  at: HostPort,
): HostPort {
  if (map === undefined) return at;
  const mapped = map({ host: at.host, port: at.port });
  if (
    typeof mapped?.host !== 'string' ||
    mapped.host === '' ||
    !Number.isInteger(mapped.port) ||
    mapped.port < 1 ||
    mapped.port > 65535
  )
    throw new Error(
      `mapAddress returned no address for ${describeAddress({ ...at, tls: false, db: 0 })}`,
    );
  return { host: mapped.host, port: mapped.port };
}

/** How an address is named in messages: `host:port` (`[::1]:port`), or the socket's path. */
export function describeAddress(address: Address): string {
  if (address.path !== undefined) return address.path;
  return address.host.includes(':')
    ? `[${address.host}]:${address.port}`
    : `${address.host}:${address.port}`;
}

// The longest socket path the system takes: sockaddr_un's sun_path holds
// 108 bytes on Linux (104 elsewhere), the terminating NUL included.
const MAX_SOCKET_PATH = process.platform === 'linux' ? 107 : 103;

// `path`, checked: Node cuts a longer one short without a word, and would
// connect to whatever socket the shorter path names.
function socketPath(path: string, invalid: (why: string) => ClientError): string {
  const bytes = Buffer.byteLength(path);
  if (bytes > MAX_SOCKET_PATH)
    throw invalid(
      `a Unix socket's path is at most ${MAX_SOCKET_PATH} bytes here, and this one has ${bytes}`,
    );
  if (path.includes('\0')) throw invalid("a Unix socket's path cannot hold a NUL byte");
  return path;
}

// `unix:/path`, `unix:///path` or `unix://[user][:password]@/path`, with an
// optional `?db=N`. Parsed by hand: the WHATWG URL parser refuses
// credentials without a host, which is exactly this form.
function parseUnixUrl(address: string, invalid: (why: string) => ClientError): Address {
  // The path starts with one slash: `unix://host/...` names a host.
  const match = /^unix:(?:\/\/(?:([^@/]*)@)?)?(\/(?!\/)[^?#]*)(?:\?([^#]*))?$/.exec(address);
  if (match === null)
    throw invalid(
      'expected unix:///path/to/redis.sock, with an optional user:password@ before the path and ?db=N after it',
    );
  const [, userinfo, encodedPath, query] = match;
  let path: string;
  try {
    path = socketPath(decodeURIComponent(encodedPath!), invalid);
  } catch (error) {
    if (error instanceof ClientError) throw error;
    throw invalid('the path has a malformed %-escape');
  }
  let db = 0;
  if (query !== undefined) {
    const found = /^db=(\d+)$/.exec(query);
    if (found === null)
      throw invalid(
        `the query '?${query}' is not read: only ?db=N is (put other settings in the options)`,
      );
    db = Number(found[1]);
    if (!Number.isSafeInteger(db)) throw invalid(`database '${found[1]}' is not a number`);
  }
  const colon = userinfo?.indexOf(':') ?? -1;
  const [username, password] =
    userinfo === undefined
      ? ['', '']
      : colon < 0
        ? [userinfo, '']
        : [userinfo.slice(0, colon), userinfo.slice(colon + 1)];
  return { host: '', port: 0, path, tls: false, db, ...credentials(username, password, invalid) };
}

// The URL's %-encoded username and password, decoded; empty ones left out.
function credentials(
  encodedUsername: string,
  encodedPassword: string,
  invalid: (why: string) => ClientError,
): { username?: string; password?: string } {
  let username: string;
  let password: string;
  try {
    username = decodeURIComponent(encodedUsername);
    password = decodeURIComponent(encodedPassword);
  } catch {
    throw invalid('the username or password has a malformed %-escape');
  }
  return {
    ...(username === '' ? {} : { username }),
    ...(password === '' ? {} : { password }),
  };
}
