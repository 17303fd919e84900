// The Redis client of the enforcement engine: short, bounded timeouts everywhere, because a gateway
// waits on every call. No offline queue (a command issued while disconnected fails at once instead of
// waiting for a reconnect), no per-command retries (the breaker and the fail mode decide), and
// reconnection keeps trying in the background so the breaker's probe finds Redis when it is back.
import Redis from "ioredis";
import { AUTHORIZE, CANCEL, LOAD, PEEK, SETTLE, UNLOCK } from "./lua";

export type RedisClientOptions = { commandTimeoutMs?: number; connectTimeoutMs?: number; name?: string };

export type ScriptedRedis = Redis & {
  purserAuthorize(...args: (string | number)[]): Promise<(string | number)[]>;
  purserSettle(...args: (string | number)[]): Promise<(string | number)[]>;
  purserCancel(...args: (string | number)[]): Promise<number>;
  purserLoad(...args: (string | number)[]): Promise<(string | number)[]>;
  purserPeek(...args: (string | number)[]): Promise<string[]>;
  purserUnlock(...args: (string | number)[]): Promise<number>;
};

// 250 ms: far above a healthy round trip (well under 1 ms here), low enough that a stuck Redis costs a
// gateway one short wait before the breaker answers at once. The client's timer also counts the
// process's own event-loop lag: at 100 ms an overloaded 2-core machine (load 15) produced spurious
// "outages" (503s for fail-closed orgs) although Redis was healthy.
export const DEFAULT_COMMAND_TIMEOUT_MS = Number(process.env.PURSER_REDIS_TIMEOUT_MS ?? 250);

export function createRedisClient(url: string, opts: RedisClientOptions = {}): ScriptedRedis {
  const client = new Redis(url, {
    commandTimeout: opts.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS,
    connectTimeout: opts.connectTimeoutMs ?? 500,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    // Many concurrent requests share one connection: batch what is issued in the same tick.
    enableAutoPipelining: true,
    retryStrategy: (times) => Math.min(50 * times, 500),
    connectionName: opts.name ?? "purser",
  });
  let lastLog = 0;
  client.on("error", (e: Error) => {
    // Connection errors repeat at every reconnect attempt: log at most every 5 s.
    if (Date.now() - lastLog > 5000) {
      lastLog = Date.now();
      console.error(`purser: redis: ${e.message}`);
    }
  });
  // numberOfKeys is given per call (the chain length varies), so it is not fixed here.
  client.defineCommand("purserAuthorize", { lua: AUTHORIZE });
  client.defineCommand("purserSettle", { lua: SETTLE });
  client.defineCommand("purserCancel", { lua: CANCEL });
  client.defineCommand("purserLoad", { lua: LOAD });
  client.defineCommand("purserPeek", { lua: PEEK });
  client.defineCommand("purserUnlock", { numberOfKeys: 1, lua: UNLOCK });
  return client as ScriptedRedis;
}

/** Resolves once connected (or rejects after `timeoutMs`): start-up should not begin half-blind. */
export async function waitReady(client: Redis, timeoutMs = 2000): Promise<void> {
  if (client.status === "ready") return;
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => {
      client.off("ready", ok);
      reject(new Error("redis not ready"));
    }, timeoutMs);
    const ok = () => {
      clearTimeout(t);
      resolve();
    };
    client.once("ready", ok);
  });
}

/** Deletes every key under a prefix (a test's or a benchmark's own keys), in SCAN batches. */
export async function deleteKeysWithPrefix(url: string, prefix: string): Promise<void> {
  const admin = createRedisClient(url, { commandTimeoutMs: 5000 });
  try {
    await waitReady(admin);
    let cursor = "0";
    do {
      const [next, found] = await admin.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1000);
      if (found.length) await admin.del(...found);
      cursor = next;
    } while (cursor !== "0");
  } finally {
    admin.disconnect();
  }
}
