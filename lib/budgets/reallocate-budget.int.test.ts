import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createBudgetSchema, reallocateBudgetSchema, type CreateBudgetInput, type ReallocateBudgetInput } from "@/lib/schemas/budget";
import type { Actor } from "@/lib/auth/actor";
import { createBudget } from "./create-budget";
import { reallocateBudget } from "./reallocate-budget";
import { makeTree } from "./test-fixtures";

const create = (actor: Actor, input: CreateBudgetInput) => createBudget(actor, createBudgetSchema.parse(input));
const move = (actor: Actor, input: ReallocateBudgetInput) => reallocateBudget(actor, reallocateBudgetSchema.parse(input));
const rejects = async (p: Promise<unknown>) => p.then(() => { throw new Error("expected a rejection"); }, (e) => e);
const limitOf = async (id: string) => (await db.budget.findUniqueOrThrow({ where: { id } })).limitMicros;

async function teamWithKeys() {
  const t = await makeTree();
  const team = await create(t.actors.finance, { scope: { level: "team", id: t.teamA.id }, name: "A", limitUsd: 100 });
  const a = await create(t.actors.leadA, { scope: { level: "key", id: t.keyA.id }, name: "a", limitUsd: 60 });
  const b = await create(t.actors.leadA, { scope: { level: "key", id: t.serviceKeyA.id }, name: "b", limitUsd: 20 });
  return { t, team, a, b };
}

describe("reallocate", () => {
  it("moves an amount atomically with one audit entry carrying the note", async () => {
    const { t, a, b } = await teamWithKeys();
    const version = (await db.organization.findUniqueOrThrow({ where: { id: t.org.id } })).policyVersion;
    const auditsBefore = await db.auditEntry.count({ where: { orgId: t.org.id } });
    const r = await move(t.actors.leadA, { fromBudgetId: a.id, toBudgetId: b.id, amountUsd: 25.5, note: "launch week" });
    expect(r).toMatchObject({ amountUsd: 25.5, note: "launch week", oversubscribed: false, from: { limitUsd: 34.5 }, to: { limitUsd: 45.5 } });
    expect(await limitOf(a.id)).toBe(34_500_000n);
    expect(await limitOf(b.id)).toBe(45_500_000n);
    const audits = await db.auditEntry.findMany({ where: { orgId: t.org.id }, orderBy: { createdAt: "asc" } });
    expect(audits).toHaveLength(auditsBefore + 1);
    const entry = audits.at(-1)!;
    expect(entry).toMatchObject({ action: "budget.reallocate", actorId: t.users.leadA.id, note: "launch week", entityId: a.id });
    expect(entry.before).toMatchObject({ from: { id: a.id, limitUsd: 60 }, to: { id: b.id, limitUsd: 20 } });
    expect(entry.after).toMatchObject({ from: { limitUsd: 34.5 }, to: { limitUsd: 45.5 }, amountUsd: 25.5 });
    expect((await db.organization.findUniqueOrThrow({ where: { id: t.org.id } })).policyVersion).toBe(version + 1);
  });

  it("changes nothing when it fails (amount above the source, different periods, unknown budget)", async () => {
    const { t, a, b } = await teamWithKeys();
    const daily = await create(t.actors.finance, { scope: { level: "key", id: t.keyB.id }, name: "d", limitUsd: 5, period: "daily" });
    const audits = await db.auditEntry.count({ where: { orgId: t.org.id } });
    expect(await rejects(move(t.actors.leadA, { fromBudgetId: a.id, toBudgetId: b.id, amountUsd: 60.000001 }))).toMatchObject({
      status: 400,
      issues: [expect.objectContaining({ path: "amountUsd" })],
    });
    expect(await rejects(move(t.actors.finance, { fromBudgetId: a.id, toBudgetId: daily.id, amountUsd: 1 }))).toMatchObject({
      status: 400,
      issues: [expect.objectContaining({ path: "toBudgetId" })],
    });
    expect(await rejects(move(t.actors.finance, { fromBudgetId: a.id, toBudgetId: "nope", amountUsd: 1 }))).toMatchObject({ status: 404 });
    expect(await limitOf(a.id)).toBe(60_000_000n);
    expect(await limitOf(b.id)).toBe(20_000_000n);
    expect(await db.auditEntry.count({ where: { orgId: t.org.id } })).toBe(audits);
  });

  it("keeps a lead inside their team: another team's budget is 404, a team budget is 403", async () => {
    const { t, team, a } = await teamWithKeys();
    await create(t.actors.finance, { scope: { level: "team", id: t.teamB.id }, name: "B", limitUsd: 100 });
    const otherKey = await create(t.actors.leadB, { scope: { level: "key", id: t.keyB.id }, name: "kb", limitUsd: 10 });
    expect(await rejects(move(t.actors.leadA, { fromBudgetId: a.id, toBudgetId: otherKey.id, amountUsd: 1 }))).toMatchObject({ status: 404 });
    expect(await rejects(move(t.actors.leadA, { fromBudgetId: otherKey.id, toBudgetId: a.id, amountUsd: 1 }))).toMatchObject({ status: 404 });
    expect(await rejects(move(t.actors.leadA, { fromBudgetId: team.id, toBudgetId: a.id, amountUsd: 1 }))).toMatchObject({ status: 403 });
    expect(await rejects(move(t.actors.memberA, { fromBudgetId: a.id, toBudgetId: a.id.slice(0, -1) + (a.id.endsWith("x") ? "y" : "x"), amountUsd: 1 }))).toMatchObject({ status: 403 });
    expect(await limitOf(otherKey.id)).toBe(10_000_000n);
  });

  it("applies the allocation rule across teams: a lead cannot, finance can with confirmation", async () => {
    const { t, a } = await teamWithKeys();
    // Team B has a $10 ceiling and a $10 key: moving money into it oversubscribes team B.
    await create(t.actors.finance, { scope: { level: "team", id: t.teamB.id }, name: "B", limitUsd: 10 });
    const kb = await create(t.actors.finance, { scope: { level: "key", id: t.keyB.id }, name: "kb", limitUsd: 10 });
    const e = await rejects(move(t.actors.finance, { fromBudgetId: a.id, toBudgetId: kb.id, amountUsd: 5 }));
    expect(e).toMatchObject({ status: 409, code: "allocation_exceeded", details: { level: "team", scopeId: t.teamB.id, ceilingUsd: 10, allocatedUsd: 15 } });
    const ok = await move(t.actors.finance, { fromBudgetId: a.id, toBudgetId: kb.id, amountUsd: 5, note: "loan", confirmOversubscribe: true });
    expect(ok.oversubscribed).toBe(true);
    expect(await limitOf(kb.id)).toBe(15_000_000n);
  });

  it("serializes concurrent moves: the source never goes negative", async () => {
    const { t, a, b } = await teamWithKeys();
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () => move(t.actors.finance, { fromBudgetId: a.id, toBudgetId: b.id, amountUsd: 10 })),
    );
    const ok = results.filter((r) => r.status === "fulfilled").length;
    expect(ok).toBeGreaterThan(0);
    expect(await limitOf(a.id)).toBe(BigInt(60 - 10 * ok) * 1_000_000n);
    expect(await limitOf(b.id)).toBe(BigInt(20 + 10 * ok) * 1_000_000n);
    expect(await limitOf(a.id)).toBeGreaterThanOrEqual(0n);
    expect(await db.auditEntry.count({ where: { orgId: t.org.id, action: "budget.reallocate" } })).toBe(ok);
  });
});
