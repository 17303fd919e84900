// Distributed mode in one place: what the engine builds when REDIS_URL is set. One command client
// (short timeouts, circuit breaker) for the ledger (budgets and rate limits), PostgreSQL as the
// source of truth for rebuilds, and the policy bus.
import { CircuitBreaker } from "./circuit-breaker";
import { DEFAULT_PREFIX, RedisKeys } from "./keys";
import { createRedisClient, type ScriptedRedis } from "./redis-client";
import { RedisLedger } from "./redis-ledger";
import { PolicyBus } from "./policy-bus";
import { PgTotalsSource } from "./window-loader";
import { SharedAlertGate } from "./alert-gate";

export type Distributed<M> = {
  redis: ScriptedRedis;
  keys: RedisKeys;
  breaker: CircuitBreaker;
  ledger: RedisLedger<M>;
  bus: PolicyBus;
  /** Soft-alert cooldowns shared by the replicas. */
  alerts: SharedAlertGate;
  close(): Promise<void>;
};

export function createDistributed<M>(
  redisUrl: string,
  databaseUrl: string,
  opts: { prefix?: string; orgOf?: (budgetId: string) => string | undefined } = {},
): Distributed<M> {
  const prefix = opts.prefix ?? process.env.PURSER_REDIS_PREFIX ?? DEFAULT_PREFIX;
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) throw new Error("REDIS_URL (distributed mode) needs DATABASE_URL=postgresql://...");
  const keys = new RedisKeys(prefix);
  const redis = createRedisClient(redisUrl);
  const breaker = new CircuitBreaker();
  // A dropped connection opens the breaker at once instead of after three failed requests.
  redis.on("close", () => breaker.status === "closed" && breaker.trip());
  const source = new PgTotalsSource(databaseUrl);
  const ledger = new RedisLedger<M>({ redis, source, keys, breaker, orgOf: opts.orgOf });
  const bus = new PolicyBus(redisUrl, keys);
  const alerts = new SharedAlertGate(redis, keys, breaker);
  return {
    redis,
    keys,
    breaker,
    ledger,
    bus,
    alerts,
    close: async () => {
      bus.close();
      redis.disconnect();
      await source.close();
    },
  };
}
