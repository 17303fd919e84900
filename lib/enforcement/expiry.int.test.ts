// A reservation that is never settled releases its hold after its TTL; a late settle still counts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { Engine, setEngine, shutdownEngine } from "./engine";
import { handleAuthorize, handleUsage } from "./http/handlers";
import { createEnforcementFixture } from "./testing/fixtures";

beforeAll(() => setEngine(new Engine({ url: process.env.DATABASE_URL, pollMs: 100, reservationTtlMs: 300, sweepMs: 50 })));
afterAll(() => shutdownEngine());

describe("reservation TTL", () => {
  it("an unsettled reservation expires and frees the budget; a late settle is still recorded", async () => {
    const f = await createEnforcementFixture({ budgets: [{ level: "key", limitUsd: 0.015 }] });
    const auth = `Bearer ${f.gatewayToken}`;
    const req = JSON.stringify({ apiKey: f.apiKey, model: "gpt-4o", inputTokens: 1200, maxOutputTokens: 800 }); // $0.011
    const first = await handleAuthorize(auth, req);
    expect(first.status).toBe(200);
    expect((await handleAuthorize(auth, req)).status).toBe(402); // held by the first
    await expect.poll(async () => (await handleAuthorize(auth, req)).status, { timeout: 3000, interval: 100 }).toBe(200);
    // The first call's gateway reports late: recorded and counted, even though its hold is gone.
    const body = first.body as { requestId: string; reservationId: string };
    const late = await handleUsage(auth, JSON.stringify({ requestId: body.requestId, reservationId: body.reservationId, apiKey: f.apiKey, model: "gpt-4o", inputTokens: 1200, outputTokens: 100 }));
    expect(late.status).toBe(200);
    expect(await db.usageEvent.count({ where: { orgId: f.orgId } })).toBe(1);
  });
});
