// Budgets in the browser, proved end to end against the production server: a team lead reallocates
// between two members and the enforcement fast path follows; a lead cannot reach another team's
// budgets; finance turns a soft team ceiling hard and the next over-limit request is denied.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { adminApi, fixtures, unique, type Item } from "./support/api";
import { E2E, storageStateOf } from "./support/env";

type Budget = Item & { limitUsd: number; enforcement: string };

/** A price of $1 per million tokens in and out: N input tokens cost exactly N micro-dollars. */
async function priceModel(request: APIRequestContext): Promise<string> {
  const model = unique("e2e-model").replace(/\s+/g, "-");
  await adminApi(request).post("/prices", { provider: "e2e", model, inputUsdPerMTok: 1, outputUsdPerMTok: 1, maxOutputTokens: 1000 });
  return model;
}

function gateway(request: APIRequestContext, model: string) {
  const headers = { Authorization: `Bearer ${E2E.gatewayToken}` };
  return {
    authorize: async (apiKey: string, usd: number) => {
      const res = await request.post("/api/authorize", { headers, data: { apiKey, provider: "e2e", model, inputTokens: Math.round(usd * 1e6), maxOutputTokens: 1 } });
      return { status: res.status(), body: await res.json() };
    },
    /** Budgets reach enforcement within a second (policyVersion poll): wait until the key's chain has it. */
    knows: async (apiKey: string, budgetId: string) => {
      await expect
        .poll(async () => {
          const res = await request.post("/api/authorize", { headers, data: { apiKey, provider: "e2e", model, inputTokens: 1, maxOutputTokens: 1 } });
          return ((await res.json()).budgets ?? []).map((b: { budgetId: string }) => b.budgetId);
        })
        .toContain(budgetId);
    },
    /** Reports spend directly (a gateway that only reports), as the real usage endpoint records it. */
    spend: async (apiKey: string, usd: number) => {
      const res = await request.post("/api/usage", { headers, data: { requestId: unique("req").replace(/\s+/g, "-"), apiKey, provider: "e2e", model, inputTokens: Math.round(usd * 1e6), outputTokens: 0 } });
      expect(res.status(), await res.text()).toBe(200);
    },
  };
}

async function member(request: APIRequestContext, teamId: string, label: string) {
  const api = adminApi(request);
  const name = unique(label);
  const user = await api.post<Item>("/users", { email: `${name.replace(/\W+/g, "-").toLowerCase()}@e2e.test`, name, role: "member", teamId, password: E2E.password });
  const key = await api.post<Item & { key: string }>("/keys", { name: `${name} key`, teamId, userId: user.id });
  return { user, key };
}

const monthly = (scope: { level: string; id: string }, name: string, limitUsd: number, enforcement = "hard") => ({
  scope,
  name,
  limitUsd,
  enforcement,
  period: "monthly",
  confirmOversubscribe: true,
});

test.describe("a team lead", () => {
  test.use({ storageState: storageStateOf("lead") });

  test("moves budget from one member to another; the page, the database and enforcement follow", async ({ page, request }) => {
    const api = adminApi(request);
    const { teams } = fixtures();
    const model = await priceModel(request);
    const gw = gateway(request, model);
    await api.post<Budget>("/budgets", monthly({ level: "team", id: teams.platform }, unique("Platform ceiling"), 1000));
    const a = await member(request, teams.platform, "Ann");
    const b = await member(request, teams.platform, "Ben");
    const budgetA = await api.post<Budget>("/budgets", monthly({ level: "user", id: a.user.id }, unique("Ann monthly"), 3));
    const budgetB = await api.post<Budget>("/budgets", monthly({ level: "user", id: b.user.id }, unique("Ben monthly"), 1));
    await gw.knows(a.key.key, budgetA.id);
    await gw.spend(a.key.key, 2); // Ann has spent $2 of $3

    await page.goto(`/budgets?q=${encodeURIComponent(a.user.name as string)}`);
    const cardA = page.getByTestId(`budget-${budgetA.id}`);
    await expect(cardA.getByTestId("budget-spent")).toHaveText("$2.00");
    await cardA.getByRole("button", { name: `Move budget from ${budgetA.name}` }).click();
    const dialog = page.getByRole("dialog", { name: `Move budget from “${budgetA.name}”` });
    await dialog.getByLabel(/^To/).selectOption(budgetB.id);
    await dialog.getByLabel("Amount (USD)").fill("1.5");
    await dialog.getByLabel("Note (why)").fill("Ben runs the migration agent this month");
    // Before/after and what the team can still allocate, before anything is sent.
    await expect(dialog.getByTestId("move-preview")).toContainText("$1.50");
    await expect(dialog.getByTestId("move-preview")).toContainText("$2.50");
    await expect(dialog.getByTestId("allocatable")).toContainText("still allocatable");
    await page.screenshot({ path: "/tmp/shots/e2e-reallocation-dialog.png" });
    await dialog.getByRole("button", { name: "Move budget" }).click();
    await expect(page.getByText(`Moved $1.50 from “${budgetA.name}” to “${budgetB.name}”`)).toBeVisible();

    // The page shows the new limits (Ann is now past her limit).
    await expect(cardA.getByTestId("budget-limit")).toHaveText("$1.50");
    await expect(cardA.getByTestId("budget-state")).toHaveText("Exceeded");
    await page.goto(`/budgets?q=${encodeURIComponent(b.user.name as string)}`);
    await expect(page.getByTestId(`budget-${budgetB.id}`).getByTestId("budget-limit")).toHaveText("$2.50");

    // The database holds the new limits and one audit entry with the note.
    expect((await api.get<Budget>(`/budgets/${budgetA.id}`)).limitUsd).toBe(1.5);
    expect((await api.get<Budget>(`/budgets/${budgetB.id}`)).limitUsd).toBe(2.5);
    const audit = await api.get<{ items: { action: string; note: string | null; actorLabel: string }[] }>(`/audit?entityType=budget&entityId=${budgetA.id}&action=budget.reallocate`);
    expect(audit.items).toEqual([expect.objectContaining({ note: "Ben runs the migration agent this month", actorLabel: "lead@e2e.test" })]);

    // Enforcement follows within a second: Ann is denied, naming her budget; Ben is allowed.
    await expect
      .poll(async () => {
        const r = await gw.authorize(a.key.key, 0.01);
        return [r.status, r.body.denial?.budgetId, r.body.denial?.budgetName];
      })
      .toEqual([402, budgetA.id, budgetA.name]);
    const allowed = await gw.authorize(b.key.key, 0.01);
    expect(allowed.status).toBe(200);
    expect(allowed.body.decision).toBe("allow");
  });

  test("cannot open another team's budgets: the page does not show them and the API refuses", async ({ page, request }) => {
    const api = adminApi(request);
    const { teams } = fixtures();
    const other = await api.post<Budget>("/budgets", monthly({ level: "team", id: teams.research }, unique("Research private"), 500));
    await page.goto(`/budgets?q=${encodeURIComponent(other.name as string)}`);
    await expect(page.getByRole("status").filter({ hasText: "matching budget" })).toHaveText(/^0 matching budget/);
    await expect(page.getByTestId(`budget-${other.id}`)).toHaveCount(0);
    await expect(page.getByTestId(`node-team:${teams.research}`)).toHaveCount(0);
    // The lead's own session on the API.
    expect((await page.request.get(`/api/v1/budgets/${other.id}`)).status()).toBe(404);
    expect((await page.request.patch(`/api/v1/budgets/${other.id}`, { data: { limitUsd: 1 } })).status()).toBe(404);
    const list = (await (await page.request.get("/api/v1/budgets?limit=200")).json()) as { items: Item[] };
    expect(list.items.map((i) => i.id)).not.toContain(other.id);
    expect((await api.get<Budget>(`/budgets/${other.id}`)).limitUsd).toBe(500);
  });
});

test.describe("finance", () => {
  test.use({ storageState: storageStateOf("finance") });

  test("turns a soft team ceiling hard; the next over-limit authorize is denied", async ({ page, request }) => {
    const api = adminApi(request);
    const { teams } = fixtures();
    const model = await priceModel(request);
    const gw = gateway(request, model);
    const key = await api.post<Item & { key: string }>("/keys", { name: unique("research-svc"), teamId: teams.research });
    const ceiling = await api.post<Budget>("/budgets", monthly({ level: "team", id: teams.research }, unique("Research ceiling"), 1, "soft"));
    await gw.knows(key.key, ceiling.id);
    await gw.spend(key.key, 1.2);
    const soft = await gw.authorize(key.key, 0.01);
    expect(soft.status).toBe(200);
    expect(soft.body.warnings).toEqual(expect.arrayContaining([expect.objectContaining({ code: "soft_budget_exceeded", budgetId: ceiling.id })]));

    await page.goto(`/budgets?q=${encodeURIComponent(ceiling.name as string)}`);
    const card = page.getByTestId(`budget-${ceiling.id}`);
    await expect(card.getByTestId("budget-state")).toHaveText("Exceeded");
    await card.getByRole("button", { name: `Edit budget ${ceiling.name}` }).click();
    const dialog = page.getByRole("dialog", { name: `Edit budget “${ceiling.name}”` });
    await dialog.getByLabel("Enforcement").selectOption("hard");
    await dialog.getByRole("button", { name: "Save budget" }).click();
    await expect(page.getByText(`Budget “${ceiling.name}” saved`)).toBeVisible();
    await expect(card.getByText("hard", { exact: true })).toBeVisible();
    expect((await api.get<Budget>(`/budgets/${ceiling.id}`)).enforcement).toBe("hard");

    await expect
      .poll(async () => {
        const r = await gw.authorize(key.key, 0.01);
        return [r.status, r.body.denial?.code, r.body.denial?.budgetId];
      })
      .toEqual([402, "budget_exceeded", ceiling.id]);
    // The budgets page says it is blocking (the denied count rides along with the next commit).
    await expect
      .poll(async () => {
        await page.reload();
        return card.getByTestId("budget-state").textContent();
      })
      .toBe("Blocking requests");
  });

  test("moves budget between teams past a ceiling only after confirming the oversubscription", async ({ page, request }) => {
    const api = adminApi(request);
    const { teams } = fixtures();
    // Weekly budgets, so no other test's monthly ceilings are involved.
    const weekly = (scope: { level: string; id: string }, name: string, limitUsd: number) => ({ ...monthly(scope, name, limitUsd), period: "weekly" });
    await api.post<Budget>("/budgets", weekly({ level: "team", id: teams.research }, unique("Research weekly"), 10));
    const p = await member(request, teams.platform, "Pia");
    const r = await member(request, teams.research, "Rae");
    const from = await api.post<Budget>("/budgets", weekly({ level: "user", id: p.user.id }, unique("Pia weekly"), 20));
    const to = await api.post<Budget>("/budgets", weekly({ level: "user", id: r.user.id }, unique("Rae weekly"), 5));

    await page.goto(`/budgets?q=${encodeURIComponent(p.user.name as string)}`);
    await page.getByTestId(`budget-${from.id}`).getByRole("button", { name: `Move budget from ${from.name}` }).click();
    const dialog = page.getByRole("dialog", { name: `Move budget from “${from.name}”` });
    await dialog.getByLabel(/^To/).selectOption(to.id);
    await dialog.getByLabel("Amount (USD)").fill("8");
    await dialog.getByLabel("Note (why)").fill("Research launch week");
    await expect(dialog.getByTestId("allocatable").last()).toContainText("$3.00 over the ceiling");
    await dialog.getByRole("button", { name: "Move budget" }).click();
    // Refused until confirmed: nothing moved yet.
    const confirm = dialog.getByLabel("Oversubscribe the ceiling anyway (recorded in the audit log)");
    await expect(confirm).toBeVisible();
    expect((await api.get<Budget>(`/budgets/${to.id}`)).limitUsd).toBe(5);
    await confirm.check();
    await dialog.getByRole("button", { name: "Move budget" }).click();
    await expect(page.getByText(`Moved $8.00 from “${from.name}” to “${to.name}”`)).toBeVisible();
    expect((await api.get<Budget>(`/budgets/${to.id}`)).limitUsd).toBe(13);
    expect((await api.get<Budget>(`/budgets/${from.id}`)).limitUsd).toBe(12);
    const audit = await api.get<{ items: { after: { oversubscribed: boolean }; note: string }[] }>(`/audit?entityType=budget&entityId=${from.id}&action=budget.reallocate`);
    expect(audit.items[0]).toMatchObject({ note: "Research launch week", after: { oversubscribed: true } });
    await page.goto(`/budgets?q=${encodeURIComponent(r.user.name as string)}`);
    await expect(page.getByTestId(`node-team:${teams.research}`).getByText("oversubscribed", { exact: true }).first()).toBeVisible();
  });

  test("sees field errors inline, from the same schema as the server", async ({ page, request }) => {
    const { teams } = fixtures();
    const ceiling = await adminApi(request).post<Budget>("/budgets", monthly({ level: "team", id: teams.research }, unique("Research errors"), 50));
    await page.goto(`/budgets?q=${encodeURIComponent(ceiling.name as string)}`);
    await page.getByTestId(`budget-${ceiling.id}`).getByRole("button", { name: `Edit budget ${ceiling.name}` }).click();
    const dialog = page.getByRole("dialog", { name: `Edit budget “${ceiling.name}”` });
    await dialog.getByLabel("Limit (USD per window)").fill("12.3456789");
    await dialog.getByLabel("Alert thresholds (%)").fill("80, 150");
    await dialog.getByRole("button", { name: "Save budget" }).click();
    await expect(dialog.getByText("at most 6 decimals (micro-dollars)")).toBeVisible();
    await expect(dialog.getByText("at most 100")).toBeVisible();
    await expect(dialog.getByLabel("Limit (USD per window)")).toHaveAttribute("aria-invalid", "true");
  });
});
