/**
 * @mini-redis/client: a Redis client on the Tokio tutorial's design.
 *
 * Layers, each usable on its own: `Connection` (frames over a socket),
 * `connect()` (the direct client, one request at a time, and its
 * `Subscriber` and `Monitor`), `createClient()` (the actor that
 * pipelines), `createPool()`, and `createCluster()` (an actor per node
 * of a Redis Cluster, behind a router).
 *
 * @module
 */

export { type Reply, ReplyError } from '@mini-redis/resp';
export type { ReconnectOptions } from './actor/manager.js';
export type { CacheOptions, CacheStats } from './actor/reply-cache.js';
export { type Address, describeAddress, type HostPort, parseAddress } from './address.js';
export {
  Client,
  type ConnectOptions,
  connect,
  createMonitor,
  type Message,
  type SubscribeOptions,
  Subscriber,
} from './client.js';
export { ClusterSubscriber, type ClusterSubscriberOptions } from './cluster/cluster-subscriber.js';
export { CLUSTER_SLOTS, keySlot } from './cluster/key-slot.js';
export { type ClusterOptions, createCluster, RedisCluster } from './cluster/redis-cluster.js';
export type {
  LposOptions,
  SetMembers,
  SintercardOptions,
  SortOptions,
  SscanOptions,
} from './collection-args.js';
export {
  type AclLogEntry,
  type AclSelectorInfo,
  type AclUserInfo,
  type CommandOptions,
  type FunctionLibrary,
  type FunctionStats,
  type LatencyHistogram,
  type LatencyLatest,
  RedisCommands,
  type SlowlogEntry,
  type TrackingInfo,
} from './commands.js';
export { Connection } from './connection.js';
export {
  type ConnectionEvent,
  type ConnectionRole,
  commandEnd,
  commandStart,
  connectionEvents,
} from './diagnostics.js';
export { ClientError, type ClientErrorCode } from './errors.js';
export type {
  GeoaddOptions,
  GeoCoordinates,
  GeoMember,
  GeoSearchCenter,
  GeoSearchOptions,
  GeoSearchResult,
  GeoSearchShape,
  GeoSearchStoreOptions,
  GeoSearchWithOptions,
  GeoUnit,
} from './geo-args.js';
export type { HashFields, HscanOptions } from './hash-args.js';
export { Monitor, type MonitorEvent, type MonitorOptions, parseMonitorLine } from './monitor.js';
export { Pipeline } from './pipeline.js';
export { createPool, type Lease, type LeasedClient, Pool, type PoolOptions } from './pool.js';
export { createSubscriber, PubSubClient, type SubscriberOptions } from './pubsub-client.js';
export { type ClientOptions, createClient, RedisClient } from './redis-client.js';
export { frameToReply } from './reply.js';
export {
  type BufferScriptTarget,
  Script,
  type ScriptOptions,
  type ScriptTarget,
} from './script.js';
export { MAX_SENTINELS, SENTINEL_PORT, type SentinelOptions } from './sentinel.js';
export type {
  BitfieldOffset,
  BitfieldOperation,
  BitfieldType,
  BitRangeOptions,
  ClientKillFilters,
  ClientListOptions,
  ClientType,
  CopyOptions,
  ExpireOptions,
  GetexOptions,
  LcsIdxOptions,
  LcsMatch,
  MigrateOptions,
  RestoreOptions,
  ScanOptions,
  SetOptions,
} from './set-args.js';
export type {
  PendingDelivery,
  PendingEntry,
  PendingSummary,
  StreamEntry,
  StreamFields,
  StreamHistoryEntry,
  StreamRead,
  StreamTrimOptions,
  XaddOptions,
  XclaimOptions,
  XreadOptions,
} from './stream-args.js';
export type {
  Score,
  ScoredMember,
  ScoredMembers,
  ZaddOptions,
  ZcombineOptions,
  ZintercardOptions,
  ZrangeLimitOptions,
  ZrangeOptions,
  ZscanOptions,
} from './zset-args.js';
