// Reports against the real database: a runaway hour, an idle key and a model bought by two teams.
import { describe, expect, it } from "vitest";
import { duplicatedCapability, idleKeys, runawayKeys } from "./reports";
import { createSpendOrg, writeUsage } from "./testing/spend-fixtures";
import type { RollupEvent } from "./rollup-deltas";

const now = new Date("2026-11-28T12:00:00Z");
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);

describe("reports", () => {
  it("finds the runaway key, the idle keys and the duplicated model, scoped to the actor", async () => {
    const org = await createSpendOrg("Asia/Kolkata");
    const [a, , , b] = org.keys; // a: Alpha lead's key, b: Beta lead's key
    const ev = (key: typeof a, h: number, model: string, cost: bigint): RollupEvent => ({
      occurredAt: hoursAgo(h), teamId: key.teamId, userId: key.userId, apiKeyId: key.id, provider: "openai", model,
      inputTokens: 10, outputTokens: 1, cachedInputTokens: 0, cacheWriteTokens: 0, costMicros: cost,
    });
    const steady = Array.from({ length: 24 }, (_, h) => ev(a, h + 5, "gpt-4o", 200_000n));
    await writeUsage(org, [...steady, ev(a, 2, "gpt-4o", 9_000_000n), ev(b, 3, "gpt-4o", 100_000n), ev(b, 30, "gpt-4o", 100_000n), ev(b, 40, "gpt-4o", 100_000n)]);
    const finance = { orgId: org.orgId, role: "finance" as const, teamId: null, userId: null };

    const runaways = await runawayKeys(finance, { days: 7, factor: 10, now });
    expect(runaways.map((r) => [r.keyId, r.ratio])).toEqual([[a.id, 45]]);

    const idle = await idleKeys(finance, { days: 7, now });
    expect(idle.map((k) => k.id).sort()).toEqual(org.keys.filter((k) => k !== a && k !== b).map((k) => k.id).sort());

    const dupes = await duplicatedCapability(finance, { days: 7, now });
    expect(dupes.map((d) => [d.model, d.teams.length])).toEqual([["gpt-4o", 2]]);

    const lead = org.users.find((u) => u.role === "lead" && u.teamId === b.teamId)!;
    const leadActor = { orgId: org.orgId, role: "lead" as const, teamId: lead.teamId, userId: lead.id };
    expect(await runawayKeys(leadActor, { days: 7, factor: 10, now })).toEqual([]);
    expect(await duplicatedCapability(leadActor, { days: 7, now })).toEqual([]);
  });
});
