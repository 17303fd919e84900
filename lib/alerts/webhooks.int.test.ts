// Webhook delivery end to end against a real receiver on 127.0.0.1: signed, exactly once per alert
// even when 50 concurrent requests cross the threshold, retried with backoff, soft-alert cooldown.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { Engine, setEngine, shutdownEngine } from "@/lib/enforcement/engine";
import { createEnforcementFixture } from "@/lib/enforcement/testing/fixtures";
import { fastPathTarget, type Target } from "@/lib/enforcement/testing/targets";
import { createWebhook } from "@/lib/webhooks/manage-webhooks";
import { sendTestDelivery } from "@/lib/webhooks/deliveries";
import { AlertWorker } from "./worker";
import { verifySignature } from "./signature";
import { SUPPRESSED } from "./fan-out";
import { scanForecasts } from "./forecast-scan";

type Received = { body: string; signature: string | undefined; delivery: string | undefined; event: string | undefined };

async function receiver(answer: (n: number) => number = () => 200) {
  const got: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      got.push({ body, signature: req.headers["purser-signature"] as string, delivery: req.headers["purser-delivery"] as string, event: req.headers["purser-event"] as string });
      res.writeHead(answer(got.length)).end("ok");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { got, url, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const admin = (orgId: string, userId: string): Actor => ({ kind: "user", id: userId, orgId, role: "admin", teamId: null, userId, label: "admin@example.test" });
const secretOf = async (id: string) => (await db.webhook.findFirst({ where: { id }, omit: { secret: false } }))!.secret;
const worker = new AlertWorker({ backoff: { baseMs: 50, maxMs: 200, jitter: 0 }, forecastEveryMs: Infinity, timeoutMs: 2_000 });
/** Runs worker passes until `done` holds (the worker is driven by the test, not a timer). */
async function drive(done: () => boolean | Promise<boolean>, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > until) throw new Error("worker did not get there in time");
    await worker.tick();
    await new Promise((r) => setTimeout(r, 25));
  }
}

let t: Target;
beforeAll(async () => {
  setEngine(new Engine({ url: process.env.DATABASE_URL, pollMs: 100 }));
  t = await fastPathTarget();
});
afterAll(async () => {
  await t.close();
  await shutdownEngine();
  await worker.stop();
});

describe("webhook delivery", () => {
  it("delivers a signed threshold alert exactly once when 50 concurrent requests cross it", async () => {
    const f = await createEnforcementFixture({ budgets: [{ level: "team", limitUsd: 10, alertThresholds: [50] }] });
    const r = await receiver();
    const hook = await createWebhook(admin(f.orgId, f.userId), { url: r.url, events: ["threshold"], format: "json", enabled: true });
    // 50 requests of $0.15 each: $7.50 of $10, crossing 50% once, all at the same time.
    const results = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        const a = await t.authorize(f.gatewayToken, { apiKey: f.apiKey, model: "gpt-4o", inputTokens: 60_000, maxOutputTokens: 10, requestId: `r${i}` });
        expect(a.status).toBe(200);
        return t.usage(f.gatewayToken, { requestId: `r${i}`, reservationId: a.body.reservationId, apiKey: f.apiKey, model: "gpt-4o", inputTokens: 60_000, outputTokens: 0 });
      }),
    );
    expect(results.every((u) => u.status === 200)).toBe(true);
    await expect.poll(() => db.alert.count({ where: { orgId: f.orgId, type: "threshold" } }), { timeout: 5_000 }).toBe(1);
    await drive(() => r.got.length >= 1);
    for (let i = 0; i < 5; i++) await worker.tick(); // more passes send nothing more
    expect(r.got).toHaveLength(1);
    const [msg] = r.got;
    expect(msg.event).toBe("alert.threshold");
    expect(verifySignature(hook.secret, msg.body, msg.signature)).toMatchObject({ ok: true });
    expect(verifySignature("whsec_wrong", msg.body, msg.signature)).toMatchObject({ ok: false });
    const body = JSON.parse(msg.body);
    expect(body).toMatchObject({ event: "alert.threshold", orgId: f.orgId, alert: { type: "threshold", threshold: 50, level: "team", budgetId: f.budgets[0].id } });
    expect(await secretOf(hook.id)).toBe(hook.secret);
    const log = await db.webhookDelivery.findMany({ where: { webhookId: hook.id } });
    expect(log).toMatchObject([{ status: "delivered", attempts: 1, lastStatusCode: 200 }]);
    await r.close();
  });

  it("retries a failing receiver with backoff: two failures, delivered on the third attempt", async () => {
    const f = await createEnforcementFixture();
    const r = await receiver((n) => (n <= 2 ? 500 : 200));
    const hook = await createWebhook(admin(f.orgId, f.userId), { url: r.url, events: [], format: "json", enabled: true });
    await db.alert.create({ data: { orgId: f.orgId, type: "exceeded", level: "org", dedupeKey: `t-${hook.id}`, message: "test exceeded", threshold: 100 } });
    await drive(async () => (await db.webhookDelivery.findFirst({ where: { webhookId: hook.id } }))?.status === "delivered");
    expect(r.got).toHaveLength(3);
    expect(new Set(r.got.map((g) => g.delivery)).size).toBe(1); // the same delivery, retried
    for (const g of r.got) expect(verifySignature(hook.secret, g.body, g.signature)).toMatchObject({ ok: true });
    const d = await db.webhookDelivery.findFirstOrThrow({ where: { webhookId: hook.id } });
    expect(d).toMatchObject({ status: "delivered", attempts: 3, lastStatusCode: 200, lastError: null });
    await r.close();
  });

  it("gives up at once on a 4xx refusal and records the response code", async () => {
    const f = await createEnforcementFixture();
    const r = await receiver(() => 410);
    const hook = await createWebhook(admin(f.orgId, f.userId), { url: r.url, events: [], format: "json", enabled: true });
    await db.alert.create({ data: { orgId: f.orgId, type: "exceeded", dedupeKey: `g-${hook.id}`, message: "gone" } });
    await drive(async () => (await db.webhookDelivery.findFirst({ where: { webhookId: hook.id } }))?.status === "failed");
    expect(await db.webhookDelivery.findFirstOrThrow({ where: { webhookId: hook.id } })).toMatchObject({ attempts: 1, lastStatusCode: 410 });
    await r.close();
  });

  it("sends repeated soft-limit alerts of a budget window at most once per cooldown", async () => {
    const f = await createEnforcementFixture({ budgets: [{ level: "key", limitUsd: 1, enforcement: "soft" }] });
    const budgetId = f.budgets[0].id;
    await db.budget.update({ where: { id: budgetId }, data: { alertCooldownMinutes: 60 } });
    const r = await receiver();
    const hook = await createWebhook(admin(f.orgId, f.userId), { url: r.url, events: ["soft_exceeded"], format: "json", enabled: true });
    const ws = new Date(Date.UTC(2026, 10, 28));
    // After the endpoint was created (older alerts are history to it), a minute apart, then an hour on.
    const at = (min: number) => new Date(Date.parse(hook.createdAt) + 1000 + min * 60_000);
    for (const [i, min] of [0, 1, 61].entries()) {
      await db.alert.create({ data: { orgId: f.orgId, type: "soft_exceeded", level: "key", budgetId, windowStart: ws, dedupeKey: `soft-${hook.id}-${i}`, message: `soft ${i}`, createdAt: at(min) } });
    }
    await drive(async () => (await db.webhookDelivery.count({ where: { webhookId: hook.id, status: { not: "pending" } } })) === 3);
    const log = await db.webhookDelivery.findMany({ where: { webhookId: hook.id }, include: { alert: true }, orderBy: { alert: { createdAt: "asc" } } });
    expect(log.map((d) => [d.alert?.message, d.status, d.lastError])).toEqual([
      ["soft 0", "delivered", null],
      ["soft 1", "failed", SUPPRESSED],
      ["soft 2", "delivered", null],
    ]);
    expect(r.got).toHaveLength(2);
    await r.close();
  });

  it("send test: one signed delivery at once, Slack-compatible when asked", async () => {
    const f = await createEnforcementFixture();
    const r = await receiver();
    const hook = await createWebhook(admin(f.orgId, f.userId), { url: r.url, events: [], format: "slack", enabled: true });
    const d = await sendTestDelivery(admin(f.orgId, f.userId), hook.id);
    expect(d).toMatchObject({ status: "delivered", attempts: 1, lastStatusCode: 200, event: "test" });
    expect(r.got).toHaveLength(1);
    expect(verifySignature(hook.secret, r.got[0].body, r.got[0].signature)).toMatchObject({ ok: true });
    expect(JSON.parse(r.got[0].body)).toMatchObject({ text: expect.stringContaining("Test delivery"), blocks: [{ type: "section" }] });
    await r.close();
  });

  it("raises one forecast alert per window when the burn rate passes the limit before the reset", async () => {
    const f = await createEnforcementFixture({ budgets: [{ level: "team", limitUsd: 100, period: "daily" }] });
    const budgetId = f.budgets[0].id;
    const start = new Date(Date.UTC(2026, 10, 20));
    await db.budgetWindow.create({ data: { budgetId, windowStart: start, spentMicros: 60_000_000n } });
    const noon = new Date(start.getTime() + 12 * 3_600_000);
    expect(await scanForecasts(noon, { orgId: f.orgId })).toBe(1);
    expect(await scanForecasts(new Date(noon.getTime() + 60_000), { orgId: f.orgId })).toBe(0);
    const alert = await db.alert.findFirstOrThrow({ where: { orgId: f.orgId, type: "forecast" } });
    expect(alert).toMatchObject({ budgetId, level: "team", windowStart: start });
    expect(alert.data).toMatchObject({ projectedUsd: 120, limitUsd: 100, usedUsd: 60 });
  });
});
