// Test support for the Redis ledger tests: a private key prefix on the shared Redis (deleted
// afterwards), an org with real budget rows in PostgreSQL, and policies for them.
import { randomUUID } from "node:crypto";
import { db, databaseUrl, providerOf } from "@/lib/db";
import type { BudgetPolicy, Level } from "../decision";
import type { WindowRef } from "../ledger";
import { CircuitBreaker } from "./circuit-breaker";
import { RedisKeys } from "./keys";
import { createRedisClient, deleteKeysWithPrefix, waitReady, type ScriptedRedis } from "./redis-client";
import { RedisLedger } from "./redis-ledger";
import { PgTotalsSource } from "./window-loader";

export const REDIS_TEST_URL = process.env.PURSER_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

/** Distributed mode needs PostgreSQL: these tests run in the int-pg project only. */
export const onPostgres = () => providerOf(databaseUrl()) === "postgresql";

export type RedisTestContext = {
  prefix: string;
  keys: RedisKeys;
  clients: ScriptedRedis[];
  sources: PgTotalsSource[];
  newLedger: (opts?: { url?: string; breaker?: CircuitBreaker }) => Promise<RedisLedger<unknown>>;
  cleanup: () => Promise<void>;
};

export async function redisTestContext(): Promise<RedisTestContext> {
  const prefix = `purser-test:${randomUUID().slice(0, 8)}:`;
  const keys = new RedisKeys(prefix);
  const clients: ScriptedRedis[] = [];
  const sources: PgTotalsSource[] = [];
  const ctx: RedisTestContext = {
    prefix,
    keys,
    clients,
    sources,
    newLedger: async (opts = {}) => {
      // Generous timeout: the shared 2-core machine may be busy with other suites.
      const redis = createRedisClient(opts.url ?? REDIS_TEST_URL, { commandTimeoutMs: 2000 });
      clients.push(redis);
      if (!opts.url) await waitReady(redis);
      const source = new PgTotalsSource(databaseUrl());
      sources.push(source);
      return new RedisLedger({ redis, source, keys, breaker: opts.breaker });
    },
    cleanup: async () => {
      await deleteKeysWithPrefix(REDIS_TEST_URL, prefix);
      for (const c of clients) c.disconnect();
      for (const s of sources) await s.close();
    },
  };
  return ctx;
}

export type TestOrg = { orgId: string; teamId: string; userId: string; keyIds: string[] };

/** An org with one team, one user and `keys` API keys, all with unique names. */
export async function createOrgRows(keys = 2): Promise<TestOrg> {
  const tag = randomUUID().slice(0, 8);
  const org = await db.organization.create({ data: { name: `Redis org ${tag}`, slug: `redis-${tag}` } });
  const team = await db.team.create({ data: { orgId: org.id, name: `team-${tag}` } });
  const user = await db.user.create({ data: { orgId: org.id, email: `u-${tag}@example.test`, name: "U", teamId: team.id } });
  const keyIds: string[] = [];
  for (let i = 0; i < keys; i++) {
    const k = await db.apiKey.create({
      data: { orgId: org.id, teamId: team.id, userId: i === 0 ? null : user.id, name: `k${i}-${tag}`, prefix: "psr_key_test", keyHash: `${tag}-${i}-${randomUUID()}` },
    });
    keyIds.push(k.id);
  }
  return { orgId: org.id, teamId: team.id, userId: user.id, keyIds };
}

type Mode = "hard" | "soft" | "shadow";

/** A budget row (so BudgetWindow totals can exist) and its policy, carrying orgId for the key names. */
export async function createBudget(o: TestOrg, level: Level, limitMicros: bigint, mode: Mode = "hard", keyIndex = 0): Promise<BudgetPolicy & { orgId: string }> {
  const scope = level === "team" ? { teamId: o.teamId } : level === "user" ? { userId: o.userId } : level === "key" ? { apiKeyId: o.keyIds[keyIndex] } : {};
  const b = await db.budget.create({
    data: {
      orgId: o.orgId,
      level,
      ...scope,
      name: `${level}-${mode}-${randomUUID().slice(0, 6)}`,
      limitMicros,
      enforcement: mode === "soft" ? "soft" : "hard",
      shadow: mode === "shadow",
      period: "daily",
      alertThresholds: [80, 100],
    },
  });
  return policyOf(o.orgId, b.id, b.name, level, limitMicros, mode);
}

export function policyOf(orgId: string, id: string, name: string, level: Level, limitMicros: bigint, mode: Mode): BudgetPolicy & { orgId: string } {
  return {
    orgId,
    id,
    name,
    level,
    limitMicros,
    enforcement: mode === "soft" ? "soft" : "hard",
    shadow: mode === "shadow",
    period: "daily",
    filterModel: null,
    filterProvider: null,
    filterTagKey: null,
    filterTagValue: null,
    alertThresholds: [80, 100],
    alertCooldownMinutes: 60,
  };
}

/** Today's UTC daily window (ends in the future, so keys get a sane TTL). */
export function today(): { windowStart: Date; windowEnd: Date } {
  const start = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000);
  return { windowStart: start, windowEnd: new Date(start.getTime() + 86_400_000) };
}

export const refsOf = (budgets: BudgetPolicy[], w = today()): WindowRef[] => budgets.map((budget) => ({ budget, ...w }));
