import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createPriceSchema, priceListQuerySchema, type CreatePriceInput } from "@/lib/schemas/price";
import type { Actor } from "@/lib/auth/actor";
import { makeTree } from "@/lib/budgets/test-fixtures";
import { CATALOG, seedPrices } from "./catalog";
import { createPrice } from "./create-price";
import { updatePrice } from "./update-price";
import { deletePrice } from "./delete-price";
import { getPrice } from "./get-price";
import { listPrices } from "./list-prices";

const create = (actor: Actor, input: CreatePriceInput) => createPrice(actor, createPriceSchema.parse(input));
const list = (actor: Actor, q: Record<string, string>) => listPrices(actor, priceListQuerySchema.parse(q));
const rejects = async (p: Promise<unknown>) => p.then(() => { throw new Error("expected a rejection"); }, (e) => e);
const base = { provider: "acme", model: "m-1", inputUsdPerMTok: 2.5, outputUsdPerMTok: 10, maxOutputTokens: 4096 };

describe("prices", () => {
  it("seeds the catalog for a new org, in force now", async () => {
    const t = await makeTree();
    const n = await db.$transaction((tx) => seedPrices(tx, t.org.id));
    expect(n).toBe(CATALOG.length);
    const now = await list(t.actors.memberA, { model: "gpt-4o" });
    expect(now.items).toEqual([expect.objectContaining({ provider: "openai", model: "gpt-4o", inputUsdPerMTok: 2.5, cachedInputUsdPerMTok: 1.25, outputUsdPerMTok: 10 })]);
    // Sonnet 5.5's cache-hit cut: one row before 2026-10-07, another after.
    const before = await list(t.actors.admin, { model: "claude-sonnet-5-5", at: "2026-10-06T12:00:00Z" });
    const after = await list(t.actors.admin, { model: "claude-sonnet-5-5", at: "2026-10-08T12:00:00Z" });
    expect(before.items.map((p) => p.cachedInputUsdPerMTok)).toEqual([0.2]);
    expect(after.items.map((p) => p.cachedInputUsdPerMTok)).toEqual([0.1]);
  });

  it("a new price closes the previous one at its effectiveFrom; ?at= reads the past", async () => {
    const t = await makeTree();
    const v1 = await create(t.actors.admin, { ...base, effectiveFrom: "2026-01-01T00:00:00Z" });
    const v2 = await create(t.actors.owner, { ...base, inputUsdPerMTok: 2, effectiveFrom: "2026-06-01T00:00:00Z", cachedInputUsdPerMTok: 0.5 });
    expect((await getPrice(t.actors.admin, v1.id)).effectiveTo).toBe("2026-06-01T00:00:00.000Z");
    expect(v2.effectiveTo).toBeNull();
    const at = async (iso: string) => (await list(t.actors.finance, { provider: "acme", at: iso })).items.map((p) => p.id);
    expect(await at("2025-12-31T23:59:59Z")).toEqual([]);
    expect(await at("2026-03-01T00:00:00Z")).toEqual([v1.id]);
    expect(await at("2026-06-01T00:00:00Z")).toEqual([v2.id]);
    // A price slipped in between keeps the sequence clean.
    const mid = await create(t.actors.admin, { ...base, inputUsdPerMTok: 2.25, effectiveFrom: "2026-04-01T00:00:00Z" });
    expect(mid.effectiveTo).toBe("2026-06-01T00:00:00.000Z");
    expect(await at("2026-05-01T00:00:00Z")).toEqual([mid.id]);
    expect((await list(t.actors.admin, { provider: "acme", history: "true" })).items.map((p) => p.id)).toEqual([v1.id, mid.id, v2.id]);
    // Same instant twice is a conflict naming the field.
    expect(await rejects(create(t.actors.admin, { ...base, effectiveFrom: "2026-04-01T00:00:00Z" }))).toMatchObject({
      status: 409,
      issues: [expect.objectContaining({ path: "effectiveFrom" })],
    });
    // Deleting the middle row lets the first stay in force until the last.
    await deletePrice(t.actors.admin, mid.id);
    expect(await at("2026-05-01T00:00:00Z")).toEqual([v1.id]);
    expect((await getPrice(t.actors.admin, v1.id)).effectiveTo).toBe("2026-06-01T00:00:00.000Z");
  });

  it("updates amounts exactly, audits every change and bumps policyVersion", async () => {
    const t = await makeTree();
    const v0 = (await db.organization.findUniqueOrThrow({ where: { id: t.org.id } })).policyVersion;
    const p = await create(t.actors.admin, base);
    const u = await updatePrice(t.actors.admin, p.id, { outputUsdPerMTok: 0.000001, cachedInputUsdPerMTok: 0 });
    expect(u).toMatchObject({ outputUsdPerMTok: 0.000001, cachedInputUsdPerMTok: 0 });
    const row = await db.modelPrice.findFirstOrThrow({ where: { id: p.id, orgId: t.org.id } });
    expect(row.outputMicrosPerMTok).toBe(1n);
    expect(row.cachedInputMicrosPerMTok).toBe(0n);
    await deletePrice(t.actors.admin, p.id);
    const actions = (await db.auditEntry.findMany({ where: { orgId: t.org.id, entityId: p.id }, orderBy: { createdAt: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["price.create", "price.update", "price.delete"]);
    expect((await db.organization.findUniqueOrThrow({ where: { id: t.org.id } })).policyVersion).toBe(v0 + 3);
  });

  it("only owner and admin change prices; everyone in the org reads them; other orgs get 404", async () => {
    const t = await makeTree();
    const other = await makeTree();
    const p = await create(t.actors.admin, base);
    for (const who of [t.actors.finance, t.actors.leadA, t.actors.memberA]) {
      expect(await rejects(create(who, { ...base, model: "x" }))).toMatchObject({ status: 403 });
      expect(await rejects(updatePrice(who, p.id, { inputUsdPerMTok: 1 }))).toMatchObject({ status: 403 });
      expect(await rejects(deletePrice(who, p.id))).toMatchObject({ status: 403 });
      expect((await getPrice(who, p.id)).id).toBe(p.id);
    }
    expect(await rejects(getPrice(other.actors.owner, p.id))).toMatchObject({ status: 404 });
    expect(await rejects(updatePrice(other.actors.owner, p.id, { inputUsdPerMTok: 1 }))).toMatchObject({ status: 404 });
    expect(await rejects(deletePrice(other.actors.owner, p.id))).toMatchObject({ status: 404 });
    expect((await list(other.actors.owner, { provider: "acme" })).items).toEqual([]);
  });
});
