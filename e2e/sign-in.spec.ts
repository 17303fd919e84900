import { expect, test } from "@playwright/test";
import { E2E, ROLE_USERS } from "./support/env";

const NAV = ["Overview", "Analytics", "Reports", "Budgets", "Teams", "Users", "Keys", "Alerts", "Prices", "Audit", "Settings"];
// What each role's navigation shows (items a role cannot use are hidden).
const VISIBLE: Record<string, string[]> = {
  owner: NAV,
  admin: NAV,
  finance: ["Overview", "Analytics", "Reports", "Budgets", "Teams", "Users", "Keys", "Alerts", "Prices", "Audit"],
  lead: ["Overview", "Analytics", "Reports", "Budgets", "Teams", "Users", "Keys", "Alerts", "Prices"],
  member: ["Overview", "Analytics", "Reports", "Budgets", "Teams", "Keys", "Alerts", "Prices"],
};
const ROLE_LABEL: Record<string, string> = { owner: "Owner", admin: "Admin", finance: "Finance", lead: "Team lead", member: "Member" };

test("an anonymous visitor is sent to sign-in and comes back after signing in", async ({ page }) => {
  await page.goto("/keys");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fkeys/);
  await page.getByLabel("Email").fill(E2E.owner.email);
  await page.getByLabel("Password").fill(E2E.owner.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "API keys" })).toBeVisible();
  await expect(page).toHaveURL(/\/keys$/);
});

test("a wrong password is refused with a message and no session", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(ROLE_USERS.finance.email);
  await page.getByLabel("Password").fill("not-the-password-at-all");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Email or password is incorrect.")).toBeVisible();
  expect((await page.context().cookies()).some((c) => c.name.includes("session-token"))).toBe(false);
});

test("empty fields get field errors from the shared schema", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("must be an email address")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
});

for (const role of Object.keys(VISIBLE)) {
  test.describe(`signed in as ${role}`, () => {
    test.use({ storageState: `e2e/.auth/${role}.json` });

    test(`sees their name, role and only the areas a ${role} can use`, async ({ page }) => {
      await page.goto("/");
      const name = role === "owner" ? "owner" : ROLE_USERS[role as keyof typeof ROLE_USERS].name;
      await expect(page.getByTestId("current-user")).toHaveText(name);
      await expect(page.getByRole("banner").getByText(ROLE_LABEL[role], { exact: true })).toBeVisible();
      const nav = page.getByRole("navigation", { name: "Main" });
      // The Alerts entry may carry a count of open alerts after its name.
      await expect(nav.getByRole("link")).toHaveText(VISIBLE[role].map((label) => new RegExp(`^${label}`)));
    });
  });
}

test("sign-out ends the session", async ({ browser }) => {
  const context = await browser.newContext({ storageState: undefined });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(ROLE_USERS.admin.email);
  await page.getByLabel("Password").fill(E2E.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user")).toHaveText(ROLE_USERS.admin.name);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/users");
  await expect(page).toHaveURL(/\/sign-in/);
  await context.close();
});
