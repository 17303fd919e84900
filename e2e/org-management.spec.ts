import { expect, test, type APIRequestContext } from "@playwright/test";
import { adminApi, fixtures, unique, type Item, type List } from "./support/api";
import { E2E, TEAMS, storageStateOf } from "./support/env";

test.use({ storageState: storageStateOf("owner") });

/** What the gateway hears for this key: 200/402 for a valid key (the model has no price here), 403 once revoked or disabled. */
async function authorizeStatus(request: APIRequestContext, apiKey: string) {
  const res = await request.post("/api/authorize", {
    headers: { Authorization: `Bearer ${E2E.gatewayToken}` },
    data: { apiKey, model: "e2e-unpriced-model", inputTokens: 10 },
  });
  return res.status();
}

test("the owner creates a team, a user and a key; sees the secret once; revokes it; the audit log shows it", async ({ page, request }) => {
  const api = adminApi(request);
  const teamName = unique("Growth");
  const email = `${unique("dana").replace(/\W/g, "")}@e2e.test`;
  const keyName = unique("growth-bot");

  // Team
  await page.goto("/teams");
  await page.getByRole("button", { name: "New team" }).click();
  const teamDialog = page.getByRole("dialog", { name: "New team" });
  await teamDialog.getByLabel("Team name").fill(teamName);
  await teamDialog.getByRole("button", { name: "Create team" }).click();
  await expect(page.getByRole("row").filter({ hasText: teamName })).toBeVisible();
  const teams = await api.get<List>(`/teams?q=${encodeURIComponent(teamName)}`);
  expect(teams.items.map((t) => t.name)).toEqual([teamName]);
  const teamId = teams.items[0].id;

  // User in that team, validated on the client first (short password), then created.
  await page.goto("/users");
  await page.getByRole("button", { name: "New user" }).click();
  const userDialog = page.getByRole("dialog", { name: "New user" });
  await userDialog.getByLabel("Email").fill(email);
  await userDialog.getByLabel("Full name").fill("Dana Growth");
  await userDialog.getByLabel("Role").selectOption("member");
  await userDialog.getByLabel("Team").selectOption({ label: teamName });
  await userDialog.getByLabel("Initial password").fill("short");
  await userDialog.getByRole("button", { name: "Create user" }).click();
  await expect(userDialog.getByText("at least 12 characters", { exact: true })).toBeVisible();
  await expect(userDialog.getByLabel("Initial password")).toHaveAttribute("aria-invalid", "true");
  await userDialog.getByLabel("Initial password").fill("a-long-enough-password");
  await userDialog.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByRole("row").filter({ hasText: email })).toBeVisible();
  const users = await api.get<List>(`/users?q=${encodeURIComponent(email)}`);
  expect(users.items).toHaveLength(1);
  expect(users.items[0]).toMatchObject({ email, role: "member", teamId });

  // Key for the team and the user, with limits: the secret is shown once.
  await page.goto("/keys");
  await page.getByRole("button", { name: "New key" }).click();
  const keyDialog = page.getByRole("dialog", { name: "New API key" });
  await keyDialog.getByLabel("Name").fill(keyName);
  await keyDialog.getByLabel("Team").selectOption({ label: teamName });
  await keyDialog.getByLabel("Owner").selectOption({ label: `Dana Growth (${email})` });
  await keyDialog.getByLabel("Requests / min").fill("60");
  await keyDialog.getByLabel("Tokens / min").fill("abc");
  await keyDialog.getByRole("button", { name: "Create key" }).click();
  await expect(keyDialog.getByText("must be a number")).toBeVisible();
  await keyDialog.getByLabel("Tokens / min").fill("100000");
  await keyDialog.getByRole("button", { name: "Create key" }).click();

  const secretDialog = page.getByRole("dialog", { name: `Key “${keyName}” created` });
  await expect(secretDialog.getByText("It is shown only once")).toBeVisible();
  const secret = await secretDialog.getByTestId("new-secret").inputValue();
  expect(secret).toMatch(/^psr_key_[0-9A-Za-z]{32}$/);

  const keys = await api.get<List>(`/keys?teamId=${teamId}`);
  expect(keys.items).toHaveLength(1);
  const key = keys.items[0];
  expect(key).toMatchObject({ name: keyName, prefix: secret.slice(0, 12), userEmail: email, rpmLimit: 60, tpmLimit: 100000, status: "active" });
  expect(JSON.stringify(key)).not.toContain(secret);

  // The gateway accepts the key: it really is the stored one (the model has no price in this fresh org).
  expect([200, 402]).toContain(await authorizeStatus(request, secret));

  await secretDialog.getByRole("button", { name: "I have stored it safely" }).click();
  await expect(secretDialog).toBeHidden();
  const row = page.getByRole("row").filter({ hasText: keyName });
  await expect(row.getByTestId("key-prefix")).toHaveText(`${secret.slice(0, 12)}…`);
  // Never again: not in the page now, nor after a reload.
  expect(await page.content()).not.toContain(secret);
  await page.reload();
  await expect(page.getByRole("row").filter({ hasText: keyName })).toBeVisible();
  expect(await page.content()).not.toContain(secret);

  // Revoke, with confirmation.
  await page.getByRole("button", { name: `Revoke key ${keyName}` }).click();
  const confirm = page.getByRole("dialog", { name: `Revoke “${keyName}”?` });
  await confirm.getByRole("button", { name: "Revoke key" }).click();
  await expect(page.getByRole("row").filter({ hasText: keyName }).getByText("revoked", { exact: true })).toBeVisible();
  const revoked = await api.get<Item>(`/keys/${key.id}`);
  expect(revoked.status).toBe("revoked");
  // Policy changes reach enforcement within a second (DESIGN §4): poll until the gateway refuses it.
  await expect.poll(() => authorizeStatus(request, secret), { timeout: 5_000 }).toBe(403);
  await page.screenshot({ path: "/tmp/shots/keys-after-revoke.png", fullPage: true });

  // The audit log shows the revocation with its before/after.
  const audit = await api.get<List>(`/audit?entityId=${key.id}`);
  expect(audit.items.map((e) => e.action)).toEqual(expect.arrayContaining(["key.create", "key.revoke"]));
  await page.goto(`/audit?entityType=key`);
  const entry = page.getByRole("row").filter({ hasText: "key.revoke" }).filter({ hasText: key.id });
  await expect(entry).toBeVisible();
  await expect(entry.getByText(E2E.owner.email)).toBeVisible();
  await entry.getByText(/fields? changed/).click();
  await expect(entry.getByRole("rowheader", { name: "revokedAt" })).toBeVisible();
  await page.screenshot({ path: "/tmp/shots/audit-diff.png", fullPage: true });
});

test("a team with members cannot be deleted from the UI; an empty one can", async ({ page, request }) => {
  const api = adminApi(request);
  const name = unique("Temp");
  const team = await api.post<Item>("/teams", { name });
  await page.goto(`/teams?q=${encodeURIComponent(name)}`);
  await expect(page.getByRole("row").filter({ hasText: name })).toBeVisible();
  await expect(page.getByRole("button", { name: `Delete team ${TEAMS.platform}` })).toHaveCount(0);
  await page.getByRole("button", { name: `Delete team ${name}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete team" }).click();
  await expect(page.getByText(`No rows match “${name}”.`)).toBeVisible();
  await expect(page.getByRole("cell", { name, exact: true })).toHaveCount(0);
  const res = await request.get(`/api/v1/teams/${team.id}`, { headers: { Authorization: `Bearer ${E2E.adminToken}` } });
  expect(res.status()).toBe(404);
});

test("a key's limits can be changed and the key paused without revoking it", async ({ page, request }) => {
  const api = adminApi(request);
  const created = await api.post<Item & { key: string }>("/keys", { name: unique("batch-job"), teamId: fixtures().teams.platform, rpmLimit: 10 });
  await page.goto(`/keys?q=${encodeURIComponent(created.name!)}`);
  await page.getByRole("button", { name: `Edit key ${created.name}` }).click();
  const dialog = page.getByRole("dialog", { name: `Edit “${created.name}”` });
  await expect(dialog.getByLabel("Requests / min")).toHaveValue("10");
  await dialog.getByLabel("Requests / min").fill("0");
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog.getByText("at least 1", { exact: true })).toBeVisible();
  await dialog.getByLabel("Requests / min").fill("120");
  await dialog.getByLabel("Disabled").check();
  await dialog.getByRole("button", { name: "Save changes" }).click();
  const row = page.getByRole("row").filter({ hasText: created.name! });
  await expect(row.getByText("disabled", { exact: true })).toBeVisible();
  await expect(row).toContainText("120");
  expect(await api.get<Item>(`/keys/${created.id}`)).toMatchObject({ rpmLimit: 120, status: "disabled" });
  await expect.poll(() => authorizeStatus(request, created.key), { timeout: 5_000 }).toBe(403);
});
