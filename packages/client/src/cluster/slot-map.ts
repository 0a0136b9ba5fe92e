/**
 * Which node serves each hash slot: the cluster client's routing table,
 * read from `CLUSTER SLOTS` and patched by `MOVED` redirections between
 * two reads.
 *
 * ```text
 * CLUSTER SLOTS
 * *N of: *3+ start-slot end-slot master [replica ...]
 *        each node: *3+ endpoint port node-id [metadata]
 * ```
 *
 * An endpoint the node does not know (empty or `?`, Redis 7's
 * `cluster-preferred-endpoint-type`) means "the host you asked", with
 * the port given.
 *
 * @module
 */

import type { Reply } from '@mini-redis/resp';
import { type HostPort, mapHostPort } from '../address.js';
import { CLUSTER_SLOTS } from './key-slot.js';

/** A cluster node as this process reaches it. */
export interface ClusterNode extends HostPort {
  /** `host:port` (`[v6]:port`): how the cluster client names and connects to it. */
  readonly address: string;
}

/** `host:port`, with brackets around an IPv6 address. */
export function nodeAddress(at: HostPort): string {
  return at.host.includes(':') ? `[${at.host}]:${at.port}` : `${at.host}:${at.port}`;
}

function nodeOf(reply: Reply | undefined, askedHost: string, map: MapAddress): ClusterNode {
  if (!Array.isArray(reply) || reply.length < 2) throw new Error(`a node of '${String(reply)}'`);
  const endpoint = reply[0] === null ? '' : String(reply[0]);
  const port = Number(reply[1]);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`a node at port '${String(reply[1])}'`);
  const at = mapHostPort(map, {
    host: endpoint === '' || endpoint === '?' ? askedHost : endpoint,
    port,
  });
  return { ...at, address: nodeAddress(at) };
}

type MapAddress = ((address: HostPort) => HostPort) | undefined;

/** The masters (and their replicas) of every slot. */
export class SlotMap {
  // By slot; undefined for a slot no node serves.
  readonly #masters: (ClusterNode | undefined)[] = new Array(CLUSTER_SLOTS).fill(undefined);
  readonly #replicas: (readonly ClusterNode[])[] = new Array(CLUSTER_SLOTS).fill([]);

  /**
   * The map `CLUSTER SLOTS` answered, asked of a node at `askedHost`;
   * `map` translates the addresses (the `mapAddress` option).
   *
   * @throws Error saying what in the reply is not a slot map.
   */
  static parse(reply: Reply, askedHost: string, map: MapAddress): SlotMap {
    if (!Array.isArray(reply)) throw new Error(`CLUSTER SLOTS answered '${String(reply)}'`);
    const slots = new SlotMap();
    for (const range of reply) {
      if (!Array.isArray(range) || range.length < 3)
        throw new Error(`CLUSTER SLOTS gave a range of '${String(range)}'`);
      const start = Number(range[0]);
      const end = Number(range[1]);
      if (
        !Number.isInteger(start) ||
        !Number.isInteger(end) ||
        start < 0 ||
        end >= CLUSTER_SLOTS ||
        end < start
      )
        throw new Error(`CLUSTER SLOTS gave the slots ${String(range[0])}-${String(range[1])}`);
      const master = nodeOf(range[2], askedHost, map);
      const replicas = range.slice(3).map((node) => nodeOf(node, askedHost, map));
      slots.#masters.fill(master, start, end + 1);
      slots.#replicas.fill(replicas, start, end + 1);
    }
    return slots;
  }

  /** The master serving `slot`; undefined when none does. */
  masterOf(slot: number): ClusterNode | undefined {
    return this.#masters[slot];
  }

  /** The replicas of `slot`'s master. */
  replicasOf(slot: number): readonly ClusterNode[] {
    return this.#replicas[slot]!;
  }

  /** Slots no node serves. */
  get uncovered(): number {
    let count = 0;
    for (const master of this.#masters) if (master === undefined) count++;
    return count;
  }

  /** Every master once, in the order of their first slot. */
  masters(): ClusterNode[] {
    const seen = new Map<string, ClusterNode>();
    for (const master of this.#masters)
      if (master !== undefined && !seen.has(master.address)) seen.set(master.address, master);
    return [...seen.values()];
  }

  /** Every replica once. */
  replicas(): ClusterNode[] {
    const seen = new Map<string, ClusterNode>();
    for (const list of new Set(this.#replicas))
      for (const node of list) seen.set(node.address, node);
    return [...seen.values()];
  }

  /** A MOVED redirection: `slot` is now `node`'s (until the next full read). */
  moved(slot: number, node: ClusterNode): void {
    this.#masters[slot] = node;
    this.#replicas[slot] = [];
  }
}
