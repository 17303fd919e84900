import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { storageStateOf } from "./support/env";

const SHOTS = "/tmp/shots";
mkdirSync(SHOTS, { recursive: true });

/** No serious or critical WCAG 2 A/AA violation on the page as rendered. */
async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page } as unknown as ConstructorParameters<typeof AxeBuilder>[0]).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

const PAGES = ["/", "/analytics", "/reports", "/budgets", "/teams", "/users", "/keys", "/alerts", "/prices", "/audit", "/settings"];

test("the sign-in page is accessible", async ({ page }) => {
  await page.goto("/sign-in");
  await expectAccessible(page);
  await page.screenshot({ path: `${SHOTS}/sign-in.png` });
});

test.describe("as the owner", () => {
  test.use({ storageState: storageStateOf("owner") });

  for (const path of PAGES) {
    test(`${path} is accessible`, async ({ page }) => {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expectAccessible(page);
      const name = path === "/" ? "overview" : path.slice(1);
      await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
    });
  }

  test("dialogs are accessible: new key and the secret shown once", async ({ page }) => {
    await page.goto("/keys");
    await page.getByRole("button", { name: "New key" }).click();
    await expect(page.getByRole("dialog", { name: "New API key" })).toBeVisible();
    await expectAccessible(page);
    await page.screenshot({ path: `${SHOTS}/keys-new-dialog.png` });
  });

  test("on a phone-sized screen the shell does not overflow sideways", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/users");
    await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectAccessible(page);
    await page.screenshot({ path: `${SHOTS}/users-narrow.png`, fullPage: true });
  });

  test("the skip link moves focus to the main content", async ({ page }) => {
    await page.goto("/teams");
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to main content" });
    await expect(skip).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.locator("main#main")).toBeFocused();
  });
});

test.describe("as a member", () => {
  test.use({ storageState: storageStateOf("member") });

  test("the keys page and a refused page are accessible", async ({ page }) => {
    await page.goto("/keys");
    await expectAccessible(page);
    await page.screenshot({ path: `${SHOTS}/member-keys.png`, fullPage: true });
    await page.goto("/audit");
    await expectAccessible(page);
  });
});
