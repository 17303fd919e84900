// Alerts and webhooks in the browser against the production server (its background worker delivers):
// an endpoint added in Settings > Webhooks gets a signed test and then a real threshold alert; the
// alert is acknowledged on the Alerts page; axe finds nothing serious on these pages and dialogs.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createHmac } from "node:crypto";
import { mkdirSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { adminApi, fixtures, unique, type Item } from "./support/api";
import { E2E, storageStateOf } from "./support/env";

const SHOTS = "/tmp/shots";
mkdirSync(SHOTS, { recursive: true });

async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page } as unknown as ConstructorParameters<typeof AxeBuilder>[0]).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

type Hit = { body: string; signature: string; event: string };

/** A webhook receiver on 127.0.0.1 that checks nothing itself: the test verifies what it got. */
async function receiver() {
  const got: Hit[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      got.push({ body, signature: String(req.headers["purser-signature"] ?? ""), event: String(req.headers["purser-event"] ?? "") });
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { got, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/purser`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** What a customer's receiver does: HMAC-SHA256 of `${t}.${body}`, and a fresh timestamp. */
function verified(secret: string, hit: Hit): boolean {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(hit.signature);
  if (!m) return false;
  const expected = createHmac("sha256", secret).update(`${m[1]}.${hit.body}`).digest("hex");
  return expected === m[2] && Math.abs(Date.now() / 1000 - Number(m[1])) < 300;
}

test.describe("as the owner", () => {
  test.use({ storageState: storageStateOf("owner") });

  test("a webhook added in Settings gets a signed test, then a real threshold alert, which is acknowledged on the Alerts page", async ({ page, request }) => {
    const api = adminApi(request);
    const { teams } = fixtures();
    const r = await receiver();
    try {
      await page.goto("/settings/webhooks");
      await page.getByRole("button", { name: "New webhook" }).click();
      const form = page.getByRole("dialog", { name: "New webhook" });
      await form.getByLabel("Endpoint URL").fill(r.url);
      await form.getByRole("button", { name: "Create webhook" }).click();
      const secretBox = page.getByTestId("new-secret");
      await expect(secretBox).toHaveValue(/^whsec_/);
      const secret = await secretBox.inputValue();
      await expectAccessible(page);
      await page.getByRole("button", { name: "I have stored it safely" }).click();

      await page.getByRole("button", { name: `Send a test to ${r.url}` }).click();
      await expect(page.getByText(/Test delivered to 127\.0\.0\.1:\d+ \(HTTP 200\)/)).toBeVisible();
      expect(r.got.map((h) => h.event)).toEqual(["test"]);
      expect(verified(secret, r.got[0])).toBe(true);
      expect(verified("whsec_wrong", r.got[0])).toBe(false);

      // A real alert: a $1 daily key budget alerting at 50%, then $0.60 of spend.
      const model = unique("e2e-alert-model").replace(/\s+/g, "-");
      await api.post("/prices", { provider: "e2e", model, inputUsdPerMTok: 1, outputUsdPerMTok: 1, maxOutputTokens: 1000 });
      const key = await api.post<Item & { key: string }>("/keys", { name: unique("alerting-svc"), teamId: teams.research });
      const budget = await api.post<Item>("/budgets", { scope: { level: "key", id: key.id }, name: unique("Alerting key daily"), limitUsd: 1, period: "daily", alertThresholds: [50] });
      // Budgets reach enforcement within a second: wait until the key's chain has this one.
      await expect
        .poll(async () => {
          const res = await request.post("/api/authorize", { headers: { Authorization: `Bearer ${E2E.gatewayToken}` }, data: { apiKey: key.key, provider: "e2e", model, inputTokens: 1, maxOutputTokens: 1 } });
          return ((await res.json()).budgets ?? []).map((b: { budgetId: string }) => b.budgetId);
        })
        .toContain(budget.id);
      const usage = await request.post("/api/usage", {
        headers: { Authorization: `Bearer ${E2E.gatewayToken}` },
        data: { requestId: unique("req").replace(/\s+/g, "-"), apiKey: key.key, provider: "e2e", model, inputTokens: 600_000, outputTokens: 0 },
      });
      expect(usage.status()).toBe(200);
      await expect.poll(() => r.got.filter((h) => h.event === "alert.threshold").length, { timeout: 20_000 }).toBe(1);
      const hit = r.got.find((h) => h.event === "alert.threshold")!;
      expect(verified(secret, hit)).toBe(true);
      expect(JSON.parse(hit.body)).toMatchObject({ event: "alert.threshold", alert: { type: "threshold", threshold: 50, budgetId: budget.id } });

      // The delivery log says so.
      await page.reload();
      const log = page.getByRole("table", { name: "Webhook deliveries" });
      await expect(log.getByRole("row").filter({ hasText: "alert.threshold" })).toContainText("delivered");
      await expect(log.getByRole("row").filter({ hasText: "alert.threshold" })).toContainText("HTTP 200");
      await expectAccessible(page);
      await page.screenshot({ path: `${SHOTS}/settings-webhooks.png`, fullPage: true });

      // The Alerts page lists it; acknowledging it moves it out of the open list.
      await page.goto(`/alerts?type=threshold&budgetId=${budget.id}`);
      const row = page.getByRole("row").filter({ hasText: budget.name! });
      await expect(row).toContainText("open");
      await expectAccessible(page);
      await page.screenshot({ path: `${SHOTS}/alerts-open.png`, fullPage: true });
      await row.getByRole("button", { name: /^Acknowledge alert/ }).click();
      await expect(page.getByText("Alert acknowledged")).toBeVisible();
      await expect(page.getByRole("row").filter({ hasText: budget.name! })).toHaveCount(0);
      await page.goto(`/alerts?status=acknowledged&budgetId=${budget.id}`);
      await expect(page.getByRole("row").filter({ hasText: budget.name! })).toContainText("acknowledged");
      const stored = await api.get<{ items: { acknowledgedAt: string | null }[] }>(`/alerts?budgetId=${budget.id}`);
      expect(stored.items[0].acknowledgedAt).not.toBeNull();
    } finally {
      await r.close();
    }
  });

  test("the budgets tree and its dialogs are accessible", async ({ page }) => {
    await page.goto("/budgets");
    await expect(page.getByRole("heading", { level: 1, name: "Budgets" })).toBeVisible();
    await expectAccessible(page);
    await page.screenshot({ path: `${SHOTS}/budgets-tree-e2e.png`, fullPage: true });
    await page.getByRole("button", { name: /^Add a budget to / }).first().click();
    await expect(page.getByRole("dialog", { name: /^New budget for / })).toBeVisible();
    await expectAccessible(page);
    await page.screenshot({ path: `${SHOTS}/budget-new-dialog.png` });
  });
});

test.describe("as a team lead", () => {
  test.use({ storageState: storageStateOf("lead") });

  test("sees only their team's alerts and cannot reach webhooks", async ({ page, request }) => {
    // Alerts of Research budgets (the owner's test above raised one) are not the Platform lead's.
    const all = await adminApi(request).get<{ items: { id: string; budgetName: string | null }[] }>("/alerts?limit=200");
    const research = all.items.filter((a) => a.budgetName?.startsWith("Alerting key daily"));
    const mine = (await (await page.request.get("/api/v1/alerts?limit=200")).json()) as { items: { id: string }[] };
    for (const a of research) expect(mine.items.map((i) => i.id)).not.toContain(a.id);
    await page.goto("/alerts?status=all");
    await expect(page.getByRole("heading", { level: 1, name: "Alerts" })).toBeVisible();
    await expect(page.getByRole("row").filter({ hasText: "Alerting key daily" })).toHaveCount(0);
    await expectAccessible(page);
    await page.goto("/settings/webhooks");
    await expect(page.getByRole("heading", { level: 1, name: "You don’t have access to Webhooks" })).toBeVisible();
    expect((await page.request.get("/api/v1/webhooks")).status()).toBe(403);
  });
});
