/**
 * Opens the peers bench/bus compares Switchyard with, after checking their server answers; a peer that
 * cannot run here is reported, with the reason, in place of its figures.
 */
import { openBullmqSystem } from "./bullmq-system.js";
import type { BusSystem, BusSystemOptions } from "./bus-system.js";
import { PeerUnavailableError, POSTGRES_URLS, REDIS_URL, unreachable } from "./peer-servers.js";
import { openPgBossSystem, type PgBossConsumer } from "./pg-boss-system.js";

/** The peers, named as the tables name them. */
export const Peer = {
  BullMq: "BullMQ (Redis)",
  PgBossFetch: "pg-boss (PostgreSQL) fetch",
  PgBossWork: "pg-boss (PostgreSQL) work",
} as const;
export type Peer = (typeof Peer)[keyof typeof Peer];

/** Opens a peer, or throws PeerUnavailableError when its server cannot be reached or let in. */
export async function openPeer(
  peer: Peer,
  options: BusSystemOptions & { readonly producers: number },
): Promise<BusSystem> {
  if (peer === Peer.BullMq) {
    const reason = await unreachable(REDIS_URL.href);
    if (reason !== undefined) throw new PeerUnavailableError(`Redis not reachable: ${reason}`);
    return openBullmqSystem(options);
  }
  const reason = await unreachable(POSTGRES_URLS[0] as string);
  if (reason !== undefined) throw new PeerUnavailableError(`PostgreSQL not reachable: ${reason}`);
  const consumer: PgBossConsumer = peer === Peer.PgBossFetch ? "fetch" : "work";
  return openPgBossSystem({ ...options, consumer });
}

/**
 * The note a table shows for a peer that produced no figures: "skipped" when its server is not there
 * or refused it, "failed" with the error otherwise. Either is printed at once as well.
 */
export function peerNote(peer: Peer, error: unknown): string {
  const note =
    error instanceof PeerUnavailableError
      ? `skipped: ${error.message}`
      : `failed: ${error instanceof Error ? error.message : String(error)}`;
  console.log(`${peer} ${note}`);
  return note;
}
