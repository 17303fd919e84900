import { expect, test } from "@playwright/test";
import { adminApi, fixtures, unique, type Item, type List } from "./support/api";
import { storageStateOf } from "./support/env";

test.describe("a team lead", () => {
  test.use({ storageState: storageStateOf("lead") });

  test("sees their team's keys and not another team's, in the page and in the API", async ({ page, request }) => {
    const api = adminApi(request);
    const { teams } = fixtures();
    const own = await api.post<Item>("/keys", { name: unique("platform-svc"), teamId: teams.platform });
    const other = await api.post<Item>("/keys", { name: unique("research-svc"), teamId: teams.research });

    await page.goto("/keys");
    await expect(page.getByRole("row").filter({ hasText: own.name! })).toBeVisible();
    await expect(page.getByRole("row").filter({ hasText: other.name! })).toHaveCount(0);
    // Searching for it by name finds nothing either.
    await page.getByRole("searchbox", { name: "Search api keys" }).fill(other.name!);
    await expect(page.getByText(`No rows match “${other.name}”.`)).toBeVisible();
    await expect(page).toHaveURL(/q=research-svc/);

    // The lead's own session on the API: the same scope.
    const list = await page.request.get("/api/v1/keys?limit=200");
    expect(list.status()).toBe(200);
    const ids = ((await list.json()) as List).items.map((k) => k.id);
    expect(ids).toContain(own.id);
    expect(ids).not.toContain(other.id);
    // Refused either way (403 or 404), and nothing changes.
    expect([403, 404]).toContain((await page.request.get(`/api/v1/keys/${other.id}`)).status());
    expect([403, 404]).toContain((await page.request.delete(`/api/v1/keys/${other.id}`)).status());
    expect((await api.get<Item>(`/keys/${other.id}`)).status).toBe("active");
  });

  test("sees only their own team on the Teams page", async ({ page }) => {
    await page.goto("/teams");
    await expect(page.getByRole("row").filter({ hasText: "Platform" })).toBeVisible();
    await expect(page.getByRole("row").filter({ hasText: "Research" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "New team" })).toHaveCount(0);
  });
});

test.describe("a member", () => {
  test.use({ storageState: storageStateOf("member") });

  for (const [path, area] of [["/users", "Users"], ["/audit", "the audit log"], ["/settings", "Settings"]] as const) {
    test(`cannot reach ${path}`, async ({ page }) => {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1, name: `You don’t have access to ${area}` })).toBeVisible();
      await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: area.replace("the audit log", "Audit") })).toHaveCount(0);
    });
  }

  test("cannot use the admin APIs", async ({ page }) => {
    const { teams } = fixtures();
    for (const path of ["/api/v1/audit", "/api/v1/api-tokens", "/api/v1/gateway-tokens"]) {
      expect((await page.request.get(path)).status(), path).toBe(403);
    }
    expect((await page.request.post("/api/v1/teams", { data: { name: unique("Sneaky") } })).status()).toBe(403);
    expect((await page.request.patch("/api/v1/org", { data: { failMode: "open" } })).status()).toBe(403);
    const users = await page.request.post("/api/v1/users", {
      data: { email: "sneaky@e2e.test", name: "Sneaky", role: "admin", teamId: teams.platform, password: "sneaky-password-123" },
    });
    expect(users.status()).toBe(403);
  });

  test("creates a key for themselves only, and sees only their own keys", async ({ page, request }) => {
    const api = adminApi(request);
    const { teams, users } = fixtures();
    const teamKey = await api.post<Item>("/keys", { name: unique("team-svc"), teamId: teams.platform });
    const name = unique("my-notebook");
    await page.goto("/keys");
    await expect(page.getByRole("row").filter({ hasText: teamKey.name! })).toHaveCount(0);
    await page.getByRole("button", { name: "New key" }).click();
    const dialog = page.getByRole("dialog", { name: "New API key" });
    await dialog.getByLabel("Name").fill(name);
    await dialog.getByRole("button", { name: "Create key" }).click();
    await page.getByRole("dialog", { name: `Key “${name}” created` }).getByRole("button", { name: "I have stored it safely" }).click();
    await expect(page.getByRole("row").filter({ hasText: name })).toBeVisible();
    const mine = await api.get<List>(`/keys?userId=${users.member}`);
    expect(mine.items.map((k) => k.name)).toContain(name);
  });
});
