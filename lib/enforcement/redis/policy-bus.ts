// Policy propagation between replicas. A replica that changes a budget, key, price or org setting
// publishes "org X is at version N" after its transaction commits; every replica's engine reloads that
// org at once. Pub/sub is fire-and-forget (a replica that misses a message, e.g. while reconnecting,
// still has the engine's policyVersion polling), so together they keep the one-second promise.
import Redis from "ioredis";
import type { RedisKeys } from "./keys";

export type PolicyChange = { orgId: string; version: number };

export class PolicyBus {
  private pub: Redis;
  private sub: Redis | null = null;

  constructor(
    private url: string,
    private keys: RedisKeys,
  ) {
    this.pub = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: 200, connectionName: "purser-policy-pub" });
    this.pub.on("error", () => undefined); // the polling fallback covers a missed publish
  }

  async publish(change: PolicyChange): Promise<void> {
    await this.pub.publish(this.keys.policyChannel(), JSON.stringify(change)).catch(() => undefined);
  }

  /**
   * Calls `reload` for every announced change (from any replica, this one included). A change may be
   * announced from inside its transaction, before it is visible: while `loadedVersion` is still
   * behind the announced version, reload is retried every 25 ms (for at most two seconds).
   */
  async subscribe(reload: () => Promise<void> | void, loadedVersion: (orgId: string) => number | undefined = () => undefined): Promise<void> {
    const onChange = (c: PolicyChange) => {
      const until = Date.now() + 2000;
      const attempt = async () => {
        await reload();
        const v = loadedVersion(c.orgId);
        if (v !== undefined && v < c.version && Date.now() < until) setTimeout(() => void attempt(), 25).unref();
      };
      void attempt();
    };
    // A subscriber connection may queue while connecting: it is not on any request's path.
    this.sub = new Redis(this.url, { connectionName: "purser-policy-sub", retryStrategy: (n) => Math.min(100 * n, 1000) });
    this.sub.on("error", () => undefined);
    this.sub.on("message", (_channel: string, raw: string) => {
      try {
        const c = JSON.parse(raw) as PolicyChange;
        if (typeof c.orgId === "string" && Number.isInteger(c.version)) onChange(c);
      } catch {
        // Not ours: ignore.
      }
    });
    // Not awaited: with Redis down at start-up the engine must still start (polling covers it).
    void this.sub.subscribe(this.keys.policyChannel()).catch(() => undefined);
  }

  close(): void {
    this.pub.disconnect();
    this.sub?.disconnect();
  }
}
