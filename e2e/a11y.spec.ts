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

const PAGES = ["/", "/analytics", "/budgets", "/teams", "/users", "/keys", "/alerts", "/prices", "/audit", "/settings"];

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
