import { expect, test } from "@playwright/test";
import { adminApi, unique, type Item } from "./support/api";
import { E2E, storageStateOf } from "./support/env";

test.use({ storageState: storageStateOf("owner") });

test("an admin API token is shown once, works on /api/v1, and stops working once revoked", async ({ page, request }) => {
  const name = unique("terraform");
  await page.goto("/settings");
  await page.getByRole("button", { name: "New admin API token" }).click();
  const dialog = page.getByRole("dialog", { name: "New admin API token" });
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByLabel("Role").selectOption("finance");
  await dialog.getByRole("button", { name: "Create token" }).click();
  const secretDialog = page.getByRole("dialog", { name: `API token “${name}” created` });
  const secret = await secretDialog.getByTestId("new-secret").inputValue();
  expect(secret).toMatch(/^psr_adm_/);

  const asToken = { Authorization: `Bearer ${secret}` };
  expect((await request.get("/api/v1/teams", { headers: asToken })).status()).toBe(200);
  // A finance token reads but cannot manage teams.
  expect((await request.post("/api/v1/teams", { headers: asToken, data: { name: unique("Nope") } })).status()).toBe(403);

  await secretDialog.getByRole("button", { name: "I have stored it safely" }).click();
  await expect(page.getByRole("row").filter({ hasText: name })).toContainText(secret.slice(0, 12));
  expect(await page.content()).not.toContain(secret);

  await page.getByRole("button", { name: `Revoke admin API token ${name}` }).click();
  await page.getByRole("dialog", { name: `Revoke “${name}”?` }).getByRole("button", { name: "Revoke admin API token" }).click();
  await expect(page.getByRole("row").filter({ hasText: name }).getByText("revoked", { exact: true })).toBeVisible();
  expect((await request.get("/api/v1/teams", { headers: asToken })).status()).toBe(401);
});

test("a gateway token is shown once and listed by its prefix only", async ({ page, request }) => {
  const name = unique("litellm");
  await page.goto("/settings");
  await page.getByRole("button", { name: "New gateway token" }).click();
  const dialog = page.getByRole("dialog", { name: "New gateway token" });
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByRole("button", { name: "Create token" }).click();
  const secretDialog = page.getByRole("dialog", { name: `Gateway token “${name}” created` });
  const secret = await secretDialog.getByTestId("new-secret").inputValue();
  expect(secret).toMatch(/^psr_gw_/);
  await secretDialog.getByRole("button", { name: "I have stored it safely" }).click();
  const tokens = await adminApi(request).get<{ items: Item[] }>("/gateway-tokens");
  const token = tokens.items.find((t) => t.name === name);
  expect(token).toMatchObject({ prefix: secret.slice(0, 12), revokedAt: null });
  expect(JSON.stringify(tokens)).not.toContain(secret);
});

test("org settings validate with the shared schema and save", async ({ page, request }) => {
  await page.goto("/settings");
  const tz = page.getByLabel("Time zone");
  await tz.fill("Mars/Olympus_Mons");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("must be an IANA time zone, e.g. Europe/Paris")).toBeVisible();
  await tz.fill("Europe/Paris");
  await page.getByLabel("Models without a price").selectOption("fallback");
  await page.getByRole("button", { name: "Save settings" }).click();
  // The server names the missing fallback prices under their fields.
  await expect(page.getByText("required when unpricedModelPolicy is fallback")).toBeVisible();
  await page.getByLabel("Fallback input price (USD / MTok)").fill("2.5");
  await page.getByLabel("Fallback output price (USD / MTok)").fill("10");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Settings saved")).toBeVisible();
  const org = await adminApi(request).get<Item>("/org");
  expect(org).toMatchObject({ timezone: "Europe/Paris", unpricedModelPolicy: "fallback", fallbackInputUsdPerMTok: 2.5, fallbackOutputUsdPerMTok: 10 });
  // Put the org back as the other specs expect it.
  await adminApi(request).patch("/org", { timezone: "UTC", unpricedModelPolicy: "deny" });
  expect(E2E.org).toBe(org.name);
});

test("a disabled user cannot sign in; enabling them restores access", async ({ page, browser, request }) => {
  const api = adminApi(request);
  const email = `${unique("eve").replace(/\W/g, "")}@e2e.test`;
  await api.post<Item>("/users", { email, name: "Eve Example", role: "finance", password: E2E.password });
  await page.goto(`/users?q=${encodeURIComponent(email)}`);
  await page.getByRole("button", { name: `Disable user ${email}` }).click();
  await page.getByRole("dialog", { name: "Disable Eve Example?" }).getByRole("button", { name: "Disable user" }).click();
  await expect(page.getByRole("row").filter({ hasText: email }).getByText("disabled", { exact: true })).toBeVisible();
  const users = await api.get<{ items: Item[] }>(`/users?q=${encodeURIComponent(email)}`);
  expect(users.items[0]).toMatchObject({ disabled: true });

  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const other = await context.newPage();
  await other.goto("/sign-in");
  await other.getByLabel("Email").fill(email);
  await other.getByLabel("Password").fill(E2E.password);
  await other.getByRole("button", { name: "Sign in" }).click();
  await expect(other.getByText("Email or password is incorrect.")).toBeVisible();
  await context.close();

  await page.getByRole("button", { name: `Enable user ${email}` }).click();
  await page.getByRole("dialog", { name: "Enable Eve Example?" }).getByRole("button", { name: "Enable user" }).click();
  await expect(page.getByRole("row").filter({ hasText: email }).getByText("active", { exact: true })).toBeVisible();
});
