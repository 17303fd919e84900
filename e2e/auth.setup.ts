import { expect, test as setup, type Page } from "@playwright/test";
import { mkdirSync, writeFileSync } from "node:fs";
import { adminApi, type Item } from "./support/api";
import { E2E, FIXTURES_FILE, ROLE_USERS, ROLES, TEAMS, storageStateOf, type RoleName } from "./support/env";

/** Signs in through the form and waits for the dashboard to greet the user by name. */
export async function signIn(page: Page, email: string, password: string, name: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user")).toHaveText(name);
}

setup("seed role users through the admin API and sign in once per role", async ({ page, request }) => {
  const api = adminApi(request);
  // The setup runs against a fresh database, once per run.
  const platform = await api.post<Item>("/teams", { name: TEAMS.platform });
  const research = await api.post<Item>("/teams", { name: TEAMS.research });
  const users: Record<string, string> = {};
  for (const [role, u] of Object.entries(ROLE_USERS)) {
    const created = await api.post<Item>("/users", {
      email: u.email,
      name: u.name,
      role,
      teamId: u.team ? platform.id : null,
      password: E2E.password,
    });
    users[role] = created.id;
  }
  mkdirSync("e2e/.auth", { recursive: true });
  writeFileSync(FIXTURES_FILE, JSON.stringify({ teams: { platform: platform.id, research: research.id }, users }, null, 2));

  for (const role of ROLES) {
    await page.context().clearCookies();
    const owner = role === "owner";
    const email = owner ? E2E.owner.email : ROLE_USERS[role as Exclude<RoleName, "owner">].email;
    const name = owner ? E2E.owner.email.split("@")[0] : ROLE_USERS[role as Exclude<RoleName, "owner">].name;
    await signIn(page, email, owner ? E2E.owner.password : E2E.password, name);
    await page.context().storageState({ path: storageStateOf(role) });
  }
});
