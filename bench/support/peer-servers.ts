/**
 * Where bench/bus finds the machine's Redis (for BullMQ) and PostgreSQL (for pg-boss), and whether they
 * answer. BENCH_REDIS_URL and BENCH_POSTGRES_URL override the defaults.
 */
import { connect } from "node:net";
import { userInfo } from "node:os";

/** The Redis BullMQ runs on. */
export const REDIS_URL = new URL(process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379");

/**
 * The PostgreSQL URLs pg-boss tries in turn: trust authentication as `postgres`, then as the current user,
 * on database `test`.
 */
export const POSTGRES_URLS: readonly string[] =
  process.env.BENCH_POSTGRES_URL !== undefined
    ? [process.env.BENCH_POSTGRES_URL]
    : [
        "postgres://postgres@127.0.0.1:5432/test",
        `postgres://${encodeURIComponent(userInfo().username)}@127.0.0.1:5432/test`,
      ];

/** A peer whose server did not answer or would not let it in. */
export class PeerUnavailableError extends Error {
  override readonly name = "PeerUnavailableError";
}

/** Why the server at `url` cannot be reached over TCP within a second, or undefined when it can. */
export function unreachable(url: string): Promise<string | undefined> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) });
    const finish = (reason: string | undefined) => {
      socket.destroy();
      resolve(reason);
    };
    socket.setTimeout(1000, () => finish(`${hostname}:${port} did not answer within 1 s`));
    socket.once("connect", () => finish(undefined));
    socket.once("error", (error) => finish(`${hostname}:${port}: ${error.message}`));
  });
}

/** A name no other run uses, for queues, key prefixes and schemas (letters, digits and underscores). */
export function uniqueRunName(prefix: string): string {
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6).toString(36)}`;
}
