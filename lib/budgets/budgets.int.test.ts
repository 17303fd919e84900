import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createBudgetSchema, type CreateBudgetInput } from "@/lib/schemas/budget";
import type { Actor } from "@/lib/auth/actor";
import { createBudget } from "./create-budget";
import { updateBudget } from "./update-budget";
import { deleteBudget } from "./delete-budget";
import { getBudget } from "./get-budget";
import { listBudgets } from "./list-budgets";
import { MemoryLedger } from "@/lib/enforcement/ledger";
import type { BudgetPolicy } from "@/lib/enforcement/decision";
import { makeTree } from "./test-fixtures";

const create = (actor: Actor, input: CreateBudgetInput) => createBudget(actor, createBudgetSchema.parse(input));
const rejects = async (p: Promise<unknown>) => p.then(() => { throw new Error("expected a rejection"); }, (e) => e);

describe("budgets CRUD", () => {
  it("creates a budget with defaults, reads it with its current window, and audits + bumps policy", async () => {
    const t = await makeTree({ timezone: "America/New_York" });
    const before = await db.organization.findUniqueOrThrow({ where: { id: t.org.id } });
    const now = new Date("2026-11-28T15:00:00Z");
    const b = await createBudget(
      t.actors.finance,
      createBudgetSchema.parse({ scope: { level: "team", id: t.teamA.id }, name: "A monthly", limitUsd: 1000.5, period: "daily" }),
      { now },
    );
    expect(b).toMatchObject({
      scope: { level: "team", id: t.teamA.id },
      limitUsd: 1000.5,
      enforcement: "hard",
      alertThresholds: [80, 100],
      alertCooldownMinutes: 60,
      filters: { model: null, provider: null, tag: null },
      shadow: false,
      oversubscribed: false,
      // Midnight in New York (EST, UTC-5) is 05:00Z.
      current: { windowStart: "2026-11-28T05:00:00.000Z", resetAt: "2026-11-29T05:00:00.000Z", usedUsd: 0, reservedUsd: 0, remainingUsd: 1000.5 },
    });
    const row = await db.budget.findFirstOrThrow({ where: { id: b.id, orgId: t.org.id } });
    expect(row.limitMicros).toBe(1_000_500_000n);
    const after = await db.organization.findUniqueOrThrow({ where: { id: t.org.id } });
    expect(after.policyVersion).toBe(before.policyVersion + 1);
    const audit = await db.auditEntry.findFirstOrThrow({ where: { orgId: t.org.id, entityId: b.id, action: "budget.create" } });
    expect(audit.actorId).toBe(t.users.finance.id);
    expect((audit.after as { limitUsd: number }).limitUsd).toBe(1000.5);

    await db.budgetWindow.create({ data: { budgetId: b.id, windowStart: new Date("2026-11-28T05:00:00Z"), spentMicros: 250_250_000n } });
    const read = await getBudget(t.actors.leadA, b.id, { now });
    expect(read.current).toMatchObject({ usedUsd: 250.25, remainingUsd: 750.25 });
  });

  it("stores custom periods, filters and thresholds", async () => {
    const t = await makeTree();
    const b = await create(t.actors.admin, {
      scope: { level: "key", id: t.keyA.id },
      name: "six hourly",
      limitUsd: 5,
      enforcement: "soft",
      period: "custom",
      customPeriod: { every: 6, unit: "hours", start: "2026-11-28T00:00:00Z" },
      alertThresholds: [100, 50, 50],
      alertCooldownMinutes: 0,
      filters: { model: "gpt-4o", provider: "openai", tag: "feature=support-bot" },
      shadow: true,
    });
    expect(b).toMatchObject({
      period: "custom",
      customPeriod: { every: 6, unit: "hours", start: "2026-11-28T00:00:00.000Z" },
      alertThresholds: [50, 100],
      alertCooldownMinutes: 0,
      filters: { model: "gpt-4o", provider: "openai", tag: "feature=support-bot" },
      shadow: true,
    });
  });

  it("rejects a scope from another org or of the wrong level with 404", async () => {
    const t = await makeTree();
    const other = await makeTree();
    for (const scope of [
      { level: "team" as const, id: other.teamA.id },
      { level: "user" as const, id: t.teamA.id },
      { level: "key" as const, id: other.keyA.id },
      { level: "org" as const, id: other.org.id },
    ]) {
      const e = await rejects(create(t.actors.admin, { scope, name: "x", limitUsd: 1 }));
      expect(e).toMatchObject({ status: 404 });
    }
  });

  it("lists with filters by level, scope and period, paginated", async () => {
    const t = await makeTree();
    await create(t.actors.admin, { scope: { level: "org", id: t.org.id }, name: "org", limitUsd: 10_000 });
    await create(t.actors.admin, { scope: { level: "team", id: t.teamA.id }, name: "A", limitUsd: 100, period: "weekly" });
    await create(t.actors.admin, { scope: { level: "team", id: t.teamB.id }, name: "B", limitUsd: 100 });
    await create(t.actors.admin, { scope: { level: "key", id: t.keyB.id }, name: "kB", limitUsd: 10 });
    const teams = await listBudgets(t.actors.admin, { level: "team" });
    expect(teams.items.map((b) => b.name).sort()).toEqual(["A", "B"]);
    expect((await listBudgets(t.actors.admin, { scopeId: t.teamB.id })).items.map((b) => b.name)).toEqual(["B"]);
    expect((await listBudgets(t.actors.admin, { period: "weekly" })).items.map((b) => b.name)).toEqual(["A"]);
    expect((await listBudgets(t.actors.admin, { scopeId: t.org.id })).items.map((b) => b.name)).toEqual(["org"]);
    expect((await listBudgets(t.actors.admin, { level: "key", scopeId: t.keyB.id })).items.map((b) => b.name)).toEqual(["kB"]);
    const page1 = await listBudgets(t.actors.admin, { limit: 3 });
    expect(page1.items).toHaveLength(3);
    const page2 = await listBudgets(t.actors.admin, { limit: 3, cursor: page1.nextCursor! });
    expect(page2.items).toHaveLength(1);
    expect(page2.nextCursor).toBeNull();
    // A lead of team A sees the org budget and team A's, not team B's or team B's keys.
    expect((await listBudgets(t.actors.leadA, {})).items.map((b) => b.name).sort()).toEqual(["A", "org"]);
    // A member of team B sees the org, their team and their own key.
    expect((await listBudgets(t.actors.memberB, {})).items.map((b) => b.name).sort()).toEqual(["B", "kB", "org"]);
  });

  it("updates and deletes with audit before/after; members cannot change budgets", async () => {
    const t = await makeTree();
    const b = await create(t.actors.finance, { scope: { level: "team", id: t.teamA.id }, name: "A", limitUsd: 100 });
    const u = await updateBudget(t.actors.finance, b.id, { limitUsd: 150, period: "custom", customPeriod: { every: 2, unit: "days" } });
    expect(u).toMatchObject({ limitUsd: 150, period: "custom", customPeriod: { every: 2, unit: "days" } });
    const back = await updateBudget(t.actors.finance, b.id, { period: "weekly" });
    expect(back.customPeriod).toBeNull();
    const audit = await db.auditEntry.findFirstOrThrow({ where: { orgId: t.org.id, entityId: b.id, action: "budget.update" }, orderBy: { createdAt: "asc" } });
    expect(audit.before).toMatchObject({ limitUsd: 100 });
    expect(audit.after).toMatchObject({ limitUsd: 150 });
    expect(await rejects(updateBudget(t.actors.memberA, b.id, { limitUsd: 1 }))).toMatchObject({ status: 403 });
    expect(await rejects(deleteBudget(t.actors.memberA, b.id))).toMatchObject({ status: 403 });
    // A lead can see the team budget but it belongs to finance.
    expect(await rejects(updateBudget(t.actors.leadA, b.id, { limitUsd: 1 }))).toMatchObject({ status: 403 });
    // Another team's lead does not even see it.
    expect(await rejects(updateBudget(t.actors.leadB, b.id, { limitUsd: 1 }))).toMatchObject({ status: 404 });
    await deleteBudget(t.actors.finance, b.id);
    expect(await db.budget.findFirst({ where: { id: b.id } })).toBeNull();
    expect(await db.auditEntry.count({ where: { orgId: t.org.id, entityId: b.id, action: "budget.delete" } })).toBe(1);
    expect(await rejects(getBudget(t.actors.finance, b.id))).toMatchObject({ status: 404 });
  });

  it("never lets another org read or change a budget (404)", async () => {
    const t = await makeTree();
    const other = await makeTree();
    const b = await create(t.actors.admin, { scope: { level: "org", id: t.org.id }, name: "org", limitUsd: 1 });
    expect(await rejects(getBudget(other.actors.owner, b.id))).toMatchObject({ status: 404 });
    expect(await rejects(updateBudget(other.actors.owner, b.id, { limitUsd: 5 }))).toMatchObject({ status: 404 });
    expect(await rejects(deleteBudget(other.actors.owner, b.id))).toMatchObject({ status: 404 });
  });
});

describe("allocation rule on create/update/delete", () => {
  it("lets a lead allocate within the team ceiling and refuses beyond it with the numbers", async () => {
    const t = await makeTree();
    await create(t.actors.finance, { scope: { level: "team", id: t.teamA.id }, name: "A", limitUsd: 100 });
    const k = await create(t.actors.leadA, { scope: { level: "key", id: t.serviceKeyA.id }, name: "svc", limitUsd: 60 });
    expect(k.allocation).toContainEqual({ level: "team", scopeId: t.teamA.id, period: "monthly", ceilingUsd: 100, allocatedUsd: 60 });
    const e = await rejects(create(t.actors.leadA, { scope: { level: "user", id: t.users.memberA.id }, name: "m", limitUsd: 40.000001 }));
    expect(e).toMatchObject({ status: 409, code: "allocation_exceeded", details: { ceilingUsd: 100, allocatedUsd: 100.000001 } });
    // Exactly at the ceiling is fine; lowering is always fine.
    await create(t.actors.leadA, { scope: { level: "user", id: t.users.memberA.id }, name: "m", limitUsd: 40 });
    await updateBudget(t.actors.leadA, k.id, { limitUsd: 10 });
    // Filtered and shadow budgets allocate nothing.
    await create(t.actors.leadA, { scope: { level: "key", id: t.serviceKeyA.id }, name: "f", limitUsd: 500, filters: { model: "gpt-4o" } });
    await create(t.actors.leadA, { scope: { level: "key", id: t.serviceKeyA.id }, name: "s", limitUsd: 500, shadow: true });
  });

  it("refuses a lead any allocation in a team without a budget of that period", async () => {
    const t = await makeTree();
    await create(t.actors.finance, { scope: { level: "team", id: t.teamA.id }, name: "A", limitUsd: 100, period: "monthly" });
    const e = await rejects(create(t.actors.leadA, { scope: { level: "key", id: t.keyA.id }, name: "d", limitUsd: 1, period: "daily" }));
    expect(e).toMatchObject({ status: 409, code: "allocation_exceeded" });
    expect((e as Error).message).toMatch(/no daily budget/);
  });

  it("lets finance oversubscribe only with confirmOversubscribe, and says so", async () => {
    const t = await makeTree();
    await create(t.actors.finance, { scope: { level: "team", id: t.teamA.id }, name: "A", limitUsd: 100 });
    const input = { scope: { level: "user" as const, id: t.users.memberA.id }, name: "big", limitUsd: 150 };
    expect(await rejects(create(t.actors.finance, input))).toMatchObject({ status: 409, code: "allocation_exceeded" });
    const ok = await create(t.actors.finance, { ...input, confirmOversubscribe: true });
    expect(ok.oversubscribed).toBe(true);
    // A lead may now lower it (even though the team stays oversubscribed) but not raise it.
    await updateBudget(t.actors.leadA, ok.id, { limitUsd: 120 });
    expect(await rejects(updateBudget(t.actors.leadA, ok.id, { limitUsd: 130 }))).toMatchObject({ status: 409 });
  });

  it("counts a key inside its user's budget, and applies the user ceiling to the user's keys", async () => {
    const t = await makeTree();
    await create(t.actors.finance, { scope: { level: "team", id: t.teamA.id }, name: "A", limitUsd: 100 });
    await create(t.actors.leadA, { scope: { level: "user", id: t.users.memberA.id }, name: "m", limitUsd: 50 });
    await create(t.actors.leadA, { scope: { level: "key", id: t.keyA.id }, name: "k", limitUsd: 50 });
    await create(t.actors.leadA, { scope: { level: "key", id: t.serviceKeyA.id }, name: "svc", limitUsd: 50 });
    // A second, larger budget on the same key allocates nothing more: the smallest of a key's budgets binds.
    await create(t.actors.leadA, { scope: { level: "key", id: t.keyA.id }, name: "k2", limitUsd: 51 });
    const k = (await listBudgets(t.actors.leadA, { scopeId: t.keyA.id })).items.find((b) => b.name === "k")!;
    const k2 = await rejects(updateBudget(t.actors.leadA, k.id, { limitUsd: 52 }));
    expect(k2).toMatchObject({ status: 409, details: { level: "user", scopeId: t.users.memberA.id, ceilingUsd: 50 } });
    // Deleting the user budget would make the $50 key count for the team: 50 + 50 = 100, still fine.
    const userBudget = (await listBudgets(t.actors.leadA, { level: "user" })).items[0];
    await deleteBudget(t.actors.leadA, userBudget.id);
  });
});

describe("current window: live reservations", () => {
  it("reports the running engine's in-flight holds as reservedUsd", async () => {
    const t = await makeTree();
    const now = new Date("2026-11-28T15:00:00Z");
    const b = await createBudget(t.actors.admin, createBudgetSchema.parse({ scope: { level: "org", id: t.org.id }, name: "o", limitUsd: 10, period: "daily" }), { now });
    const ledger = new MemoryLedger();
    const policy = { id: b.id, name: "o", level: "org", limitMicros: 10_000_000n, enforcement: "hard", shadow: false, period: "daily",
      filterModel: null, filterProvider: null, filterTagKey: null, filterTagValue: null, alertThresholds: [], alertCooldownMinutes: 60 } as BudgetPolicy;
    const ref = { budget: policy, windowStart: new Date("2026-11-28T00:00:00Z"), windowEnd: new Date("2026-11-29T00:00:00Z") };
    ledger.authorize("r1", [ref], 1_250_000n, Date.now() + 60_000, {});
    const slot = Symbol.for("purser.engine");
    const g = globalThis as Record<symbol, { engine?: unknown } | undefined>;
    const saved = g[slot]?.engine;
    (g[slot] ??= {}).engine = { ledger };
    try {
      expect((await getBudget(t.actors.admin, b.id, { now })).current).toMatchObject({ usedUsd: 0, reservedUsd: 1.25, remainingUsd: 8.75 });
    } finally {
      g[slot]!.engine = saved;
    }
  });
});
