// A gateway retrying authorize with the same requestId may reach another replica (each replica only
// remembers its own answers): the reservation id is derived from the requestId, so the retry finds
// the hold already there and the budget is held once, not twice.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseUrl } from "@/lib/db";
import { Engine } from "../engine";
import { handleAuthorize, handleUsage } from "../http/handlers";
import { createEnforcementFixture } from "../testing/fixtures";
import { onPostgres, redisTestContext, REDIS_TEST_URL, type RedisTestContext } from "./test-support";

describe.skipIf(!onPostgres())("repeated authorize across replicas", () => {
  let ctx: RedisTestContext;
  const engines: Engine[] = [];

  beforeAll(async () => {
    ctx = await redisTestContext();
    for (let i = 0; i < 2; i++) engines.push(new Engine({ url: databaseUrl(), redisUrl: REDIS_TEST_URL, redisPrefix: ctx.prefix }));
    await Promise.all(engines.map((e) => e.ready));
  });
  afterAll(async () => {
    for (const e of engines) await e.stop();
    await ctx?.cleanup();
  });

  it("holds once and keeps the reservation id when the retry lands on another replica", async () => {
    const f = await createEnforcementFixture({ budgets: [{ level: "team", limitUsd: "0.02" }] }); // 2 calls of $0.0075
    await Promise.all(engines.map((e) => e.refreshAfter(Date.now())));
    const body = JSON.stringify({ apiKey: f.apiKey, requestId: "retry-me", model: "gpt-4o", inputTokens: 1000, maxOutputTokens: 500 });
    const [a, b] = [await handleAuthorize(`Bearer ${f.gatewayToken}`, body, engines[0]), await handleAuthorize(`Bearer ${f.gatewayToken}`, body, engines[1])];
    expect([a.status, b.status]).toEqual([200, 200]);
    expect((b.body as { reservationId: string }).reservationId).toBe((a.body as { reservationId: string }).reservationId);
    // Only one hold: another request still fits ($0.0075 held of $0.02).
    const other = await handleAuthorize(`Bearer ${f.gatewayToken}`, JSON.stringify({ apiKey: f.apiKey, model: "gpt-4o", inputTokens: 1000, maxOutputTokens: 500 }), engines[1]);
    expect(other.status).toBe(200);
    expect((other.body as { budgets: { reservedUsd: number }[] }).budgets[0].reservedUsd).toBeCloseTo(0.015, 6);
    // Settling on the second replica frees the one hold.
    const u = await handleUsage(`Bearer ${f.gatewayToken}`, JSON.stringify({ requestId: "retry-me", reservationId: (a.body as { reservationId: string }).reservationId, apiKey: f.apiKey, model: "gpt-4o", inputTokens: 1000, outputTokens: 500 }), engines[1]);
    expect(u.status).toBe(200);
    const s = await engines[0].distributed!.ledger.snapshotAsync([{ budget: { ...engines[0].orgs.get(f.orgId)!.budgetsByTeam.get(f.teamId)![0] }, ...windowOf(engines[0], f.orgId, f.teamId) }]);
    expect([s[0].spent, s[0].reserved]).toEqual([7500n, 7500n]);
  });
});

function windowOf(e: Engine, orgId: string, teamId: string) {
  const org = e.orgs.get(orgId)!;
  const w = e.windowOf(org.budgetsByTeam.get(teamId)![0], org.timezone, Date.now());
  return { windowStart: w.start, windowEnd: w.end };
}
