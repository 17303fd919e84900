// Test data for enforcement: an org with a team, a user, a key with a known secret, a gateway token,
// prices and budgets on any level of the chain. Unique names per call, so tests never collide.
import { randomBytes, randomUUID } from "node:crypto";
import { db, type Tx } from "@/lib/db";
import { newSecret } from "@/lib/crypto";
import { usdToMicros } from "@/lib/money";
import type { Level } from "../decision";
import type { SettleRecord } from "../store/types";

export type BudgetSpec = {
  level: Level;
  limitUsd: number | string;
  name?: string;
  enforcement?: "hard" | "soft";
  period?: "daily" | "weekly" | "monthly" | "custom";
  shadow?: boolean;
  filterModel?: string;
  filterProvider?: string;
  filterTagKey?: string;
  filterTagValue?: string;
  alertThresholds?: number[];
};

export type FixtureOptions = {
  timezone?: string;
  budgets?: BudgetSpec[];
  rpmLimit?: number | null;
  tpmLimit?: number | null;
  serviceKey?: boolean;
  analyticsTagKeys?: string[];
  unpricedModelPolicy?: "deny" | "fallback";
};

export type Fixture = Awaited<ReturnType<typeof createEnforcementFixture>>;

export const GPT4O = { provider: "openai", model: "gpt-4o", input: 2_500_000n, output: 10_000_000n, cached: 1_250_000n, maxOut: 16_384 };
export const CLAUDE = { provider: "anthropic", model: "claude-sonnet-4-5", input: 3_000_000n, output: 15_000_000n, cached: 300_000n, maxOut: 64_000 };

/** Creates everything in one transaction, so a running engine sees all of it or none of it. */
export function createEnforcementFixture(opts: FixtureOptions = {}) {
  return db.$transaction((tx) => createIn(tx, opts), { timeout: 30_000 });
}

async function createIn(db: Tx, opts: FixtureOptions) {
  const tag = randomBytes(5).toString("hex");
  const org = await db.organization.create({
    data: {
      name: `Enf ${tag}`,
      slug: `enf-${tag}`,
      timezone: opts.timezone ?? "UTC",
      unpricedModelPolicy: opts.unpricedModelPolicy ?? "deny",
      analyticsTagKeys: opts.analyticsTagKeys ?? [],
    },
  });
  const team = await db.team.create({ data: { orgId: org.id, name: `team-${tag}` } });
  const user = await db.user.create({ data: { orgId: org.id, teamId: team.id, email: `eng-${tag}@example.test`, name: "Eng" } });
  const key = newSecret("key");
  const apiKey = await db.apiKey.create({
    data: {
      orgId: org.id,
      teamId: team.id,
      userId: opts.serviceKey ? null : user.id,
      name: `key-${tag}`,
      prefix: key.prefix,
      keyHash: key.hash,
      rpmLimit: opts.rpmLimit ?? null,
      tpmLimit: opts.tpmLimit ?? null,
    },
  });
  const gw = newSecret("gateway");
  await db.gatewayToken.create({ data: { orgId: org.id, name: `gw-${tag}`, prefix: gw.prefix, tokenHash: gw.hash } });
  for (const p of [GPT4O, CLAUDE]) {
    await db.modelPrice.create({
      data: {
        orgId: org.id,
        provider: p.provider,
        model: p.model,
        inputMicrosPerMTok: p.input,
        outputMicrosPerMTok: p.output,
        cachedInputMicrosPerMTok: p.cached,
        maxOutputTokens: p.maxOut,
        effectiveFrom: new Date("2024-01-01T00:00:00Z"),
      },
    });
  }
  const scope = { org: {}, team: { teamId: team.id }, user: { userId: user.id }, key: { apiKeyId: apiKey.id } };
  const budgets = [];
  for (const [i, b] of (opts.budgets ?? []).entries()) {
    budgets.push(
      await db.budget.create({
        data: {
          orgId: org.id,
          level: b.level,
          ...scope[b.level],
          name: b.name ?? `${b.level}-${i}`,
          limitMicros: usdToMicros(b.limitUsd),
          enforcement: b.enforcement ?? "hard",
          period: b.period ?? "daily",
          shadow: b.shadow ?? false,
          filterModel: b.filterModel,
          filterProvider: b.filterProvider,
          filterTagKey: b.filterTagKey,
          filterTagValue: b.filterTagValue,
          alertThresholds: b.alertThresholds ?? [80, 100],
        },
      }),
    );
  }
  await db.organization.update({ where: { id: org.id }, data: { policyVersion: { increment: 1 } } }); // as every real change does
  return { orgId: org.id, teamId: team.id, userId: user.id, keyId: apiKey.id, apiKey: key.secret, gatewayToken: gw.secret, budgets };
}

/** Adds a key to an existing fixture's team (for revoked/expired/disabled cases). */
export async function addKey(f: Fixture, data: { revokedAt?: Date; expiresAt?: Date; disabledAt?: Date } = {}) {
  const key = newSecret("key");
  await db.apiKey.create({
    data: { orgId: f.orgId, teamId: f.teamId, userId: f.userId, name: `k-${key.prefix}`, prefix: key.prefix, keyHash: key.hash, ...data },
  });
  await bumpVersion(f.orgId);
  return key.secret;
}

export async function bumpVersion(orgId: string) {
  await db.organization.update({ where: { id: orgId }, data: { policyVersion: { increment: 1 } } });
}

/** A settle as the engine hands it to the store: gpt-4o, 10 + 10 tokens, now, no tags (override the rest). */
export function settleRecord(r: Pick<SettleRecord, "orgId" | "teamId" | "apiKeyId" | "costMicros" | "windows"> & Partial<SettleRecord>): SettleRecord {
  const now = Date.now();
  return {
    requestId: `q-${randomUUID()}`,
    reservationId: null,
    occurredAt: new Date(now),
    bucketMinute: Math.floor(now / 3_600_000) * 60,
    localDay: Math.floor(now / 86_400_000),
    userId: null,
    provider: "openai",
    model: "gpt-4o",
    inputTokens: 10,
    outputTokens: 10,
    cachedInputTokens: 0,
    cacheWriteTokens: 0,
    estimatedCostMicros: null,
    latencyMs: null,
    status: "ok",
    tags: null,
    tagRollups: [],
    ...r,
  };
}
