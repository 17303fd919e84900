// The spend explorer end to end: usage reported through the real /api/usage lands in the rollups;
// finance filters by a team, groups by model, drills into a user, exports CSV (compared with the
// table) and opens the shared URL in a new page; a lead sees only their team, in the UI and in the
// API; the explorer and the overview are axe-clean.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { adminApi, fixtures, unique, type Item } from "./support/api";
import { E2E, storageStateOf } from "./support/env";

type Seed = { models: [string, string]; platform: string; research: string; member: string };
let seed: Seed;

async function report(request: APIRequestContext, apiKey: string, model: string, usd: number) {
  // $1 per million input tokens: N tokens cost exactly N micro-dollars.
  const res = await request.post("/api/usage", {
    headers: { Authorization: `Bearer ${E2E.gatewayToken}` },
    data: { requestId: unique("req").replace(/\s+/g, "-"), apiKey, provider: "e2e", model, inputTokens: Math.round(usd * 1e6), outputTokens: 0 },
  });
  expect(res.status(), await res.text()).toBe(200);
}

test.beforeAll(async ({ playwright }) => {
  const request = await playwright.request.newContext({ baseURL: E2E.baseURL });
  const api = adminApi(request);
  const f = fixtures();
  const models = [unique("an-a"), unique("an-b")].map((m) => m.replace(/\s+/g, "-")) as [string, string];
  for (const model of models) await api.post("/prices", { provider: "e2e", model, inputUsdPerMTok: 1, outputUsdPerMTok: 1, maxOutputTokens: 1000 });
  const memberKey = await api.post<Item & { key: string }>("/keys", { name: unique("analytics member"), teamId: f.teams.platform, userId: f.users.member });
  const serviceKey = await api.post<Item & { key: string }>("/keys", { name: unique("analytics research"), teamId: f.teams.research });
  await report(request, memberKey.key, models[0], 2);
  await report(request, memberKey.key, models[1], 1);
  await report(request, serviceKey.key, models[0], 4);
  seed = { models, platform: f.teams.platform, research: f.teams.research, member: f.users.member };
  await request.dispose();
});

const start = () => `/analytics?preset=today&model=${seed.models.join(",")}`;

async function tableRows(page: Page) {
  const table = page.getByRole("table", { name: /^Spend by/ });
  await expect(table).toBeVisible();
  return table.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => (td.textContent ?? "").trim())));
}

async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page } as unknown as ConstructorParameters<typeof AxeBuilder>[0]).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

test.describe("finance", () => {
  test.use({ storageState: storageStateOf("finance") });

  test("filters by a team, groups by model, drills into a user, exports CSV and shares the URL", async ({ page, browser }) => {
    await page.goto(start());
    await expect(page.getByRole("heading", { level: 1, name: "Analytics" })).toBeVisible();

    // Filter by the Platform team through the searchable multi-select.
    // Until the page has hydrated a click does nothing: retry the click until the list opens.
    const search = page.getByRole("searchbox", { name: "Search team" });
    await expect(async () => {
      if (!(await search.isVisible())) await page.getByRole("button", { name: /^Team:/ }).click();
      await expect(search).toBeVisible({ timeout: 2_000 });
    }).toPass();
    await search.fill("Platf");
    await page.getByRole("checkbox", { name: "Platform", exact: true }).check();
    await page.getByRole("button", { name: "Apply", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`team=${seed.platform}`));

    // Group by model: only Platform's usage of the two models, largest first.
    await page.getByLabel("Group by").selectOption("model");
    await expect(page).toHaveURL(/groupBy=model/);
    await expect.poll(async () => (await tableRows(page)).map((r) => [r[0], r[1]])).toEqual([[seed.models[0], "$2.00"], [seed.models[1], "$1.00"]]);

    // Group by user and drill into the member: their keys, with breadcrumbs back.
    await page.getByLabel("Group by").selectOption("user");
    await page.getByRole("link", { name: "Mem Member" }).click();
    await expect(page).toHaveURL(new RegExp(`user=${seed.member}`));
    await expect(page).toHaveURL(/groupBy=key/);
    const crumbs = page.getByRole("navigation", { name: "Drill-down path" });
    await expect(crumbs.getByRole("link", { name: "Platform" })).toBeVisible();
    await expect(crumbs.getByText("Mem Member")).toBeVisible();
    await expect.poll(async () => (await tableRows(page)).map((r) => r[1])).toEqual(["$3.00"]);
    const rows = await tableRows(page);

    // CSV export: exactly the table's rows.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export CSV" }).click()]);
    const csv = readFileSync((await download.path())!, "utf8").trim().split(/\r?\n/);
    expect(csv[0].split(",").slice(0, 3)).toEqual(["key", "cost_usd", "requests"]);
    expect(csv.slice(1).map((l) => l.split(",").slice(0, 3))).toEqual(rows.map((r) => [r[0], Number(r[1].replace(/[$,]/g, "")).toFixed(6), r[3].replace(/,/g, "")]));

    // The shared URL shows the same view in a new page.
    const other = await browser.newPage({ storageState: storageStateOf("finance") });
    await other.goto(page.url());
    expect(await tableRows(other)).toEqual(rows);
    await other.close();
  });

  test("the explorer with data and the overview are accessible", async ({ page }) => {
    await page.goto(`${start()}&groupBy=team,model&compare=previous`);
    await expect(page.getByRole("table", { name: /^Spend by/ })).toBeVisible();
    await expectAccessible(page);
    await page.screenshot({ path: "/tmp/shots/e2e-analytics.png", fullPage: true });
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
    await expectAccessible(page);
    await page.screenshot({ path: "/tmp/shots/e2e-overview.png", fullPage: true });
  });
});

test.describe("a team lead", () => {
  test.use({ storageState: storageStateOf("lead") });

  test("sees only their team's spend, in the explorer and in /api/v1/spend", async ({ page }) => {
    await page.goto(`${start()}&groupBy=team`);
    await expect.poll(async () => (await tableRows(page)).map((r) => [r[0], r[1]])).toEqual([["Platform", "$3.00"]]);
    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const res = await page.request.get(`/api/v1/spend?from=${today}&to=${tomorrow}&groupBy=team&model=${seed.models.join(",")}`);
    expect(res.status()).toBe(200);
    const body = await res.json();
    expect(body.rows.map((r: { group: { team: string }; costUsd: number }) => [r.group.team, r.costUsd])).toEqual([["Platform", 3]]);
    const research = await page.request.get(`/api/v1/spend?from=${today}&to=${tomorrow}&team=${seed.research}&model=${seed.models.join(",")}`);
    expect((await research.json()).totals.costUsd).toBe(0);
  });
});
