// Prices in the browser against the production server: owners and admins add, correct and delete a
// price (each proved through the API as well as the table); roles without price:update see no
// action; the edit dialog is axe-clean and usable from the keyboard.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { adminApi, unique, type Item } from "./support/api";
import { E2E, storageStateOf } from "./support/env";

const SHOTS = "/tmp/shots";
mkdirSync(SHOTS, { recursive: true });

/** No serious or critical WCAG 2 A/AA violation on the page as rendered. */
async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page } as unknown as ConstructorParameters<typeof AxeBuilder>[0]).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

type Price = Item & { provider: string; model: string; outputUsdPerMTok: number };

/** A price of its own for each test, so the table search finds exactly one row. */
async function seedPrice(request: APIRequestContext, extra: Record<string, unknown> = {}): Promise<Price> {
  const model = unique("e2e-edit").replace(/\s+/g, "-");
  return adminApi(request).post<Price>("/prices", { provider: "e2e", model, inputUsdPerMTok: 1, outputUsdPerMTok: 2, maxOutputTokens: 1000, ...extra });
}

/** GET /api/v1/prices/{id} with the admin token: the status and, when found, the price. */
async function getPrice(request: APIRequestContext, id: string) {
  const res = await request.get(`/api/v1/prices/${id}`, { headers: { Authorization: `Bearer ${E2E.adminToken}` } });
  return { status: res.status(), body: (await res.json()) as Price };
}

const rowOf = (page: Page, model: string) => page.getByRole("row").filter({ hasText: model });

test.describe("as the owner", () => {
  test.use({ storageState: storageStateOf("owner") });

  test("adds a model price; the table shows it in USD per million tokens and the API has it in force", async ({ page, request }) => {
    const model = unique("e2e-model").replace(/\s/g, "-");
    await page.goto("/prices");
    await page.getByRole("button", { name: "New price" }).click();
    const dialog = page.getByRole("dialog", { name: "New model price" });
    await dialog.getByLabel("Provider").fill("Acme AI");
    await dialog.getByLabel("Model").fill(model);
    await dialog.getByLabel("Input (USD / MTok)", { exact: true }).fill("2.5");
    await dialog.getByLabel("Output (USD / MTok)").fill("0.1234567");
    await dialog.getByLabel("Max output tokens").fill("4096");
    await dialog.getByRole("button", { name: "Save price" }).click();
    await expect(dialog.getByText("lowercase letters, digits, '.', '_' or '-'")).toBeVisible();
    await expect(dialog.getByText("at most 6 decimals (micro-dollars)")).toBeVisible();
    await dialog.getByLabel("Provider").fill("acme-ai");
    await dialog.getByLabel("Output (USD / MTok)").fill("10");
    await dialog.getByRole("button", { name: "Save price" }).click();

    const row = page.getByRole("row").filter({ hasText: model });
    await expect(row).toContainText("$2.50");
    await expect(row).toContainText("$10.00");
    await expect(row.getByText("in force")).toBeVisible();
    const prices = await adminApi(request).get<{ items: Item[] }>(`/prices?provider=acme-ai`);
    expect(prices.items.find((p) => p.model === model)).toMatchObject({ provider: "acme-ai", inputUsdPerMTok: 2.5, outputUsdPerMTok: 10, maxOutputTokens: 4096 });
  });

  test("edits a price from the keyboard: prefilled in USD, errors under the field, the new output price in the table and the API", async ({ page, request }) => {
    const price = await seedPrice(request, { cachedInputUsdPerMTok: 0.25 });
    const name = `e2e/${price.model}`;
    await page.goto(`/prices?q=${price.model}`);
    const row = rowOf(page, price.model);
    await expect(row).toContainText("$2.00");
    await page.screenshot({ path: `${SHOTS}/prices-owner.png`, fullPage: true });
    // Both actions are visible without scrolling the table sideways at a laptop's width.
    await expect(row.getByRole("button", { name: /^Delete price/ })).toBeInViewport({ ratio: 1 });

    const edit = row.getByRole("button", { name: `Edit price ${name} (in force)` });
    await edit.focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: `Edit price for ${name}` });
    await expect(dialog).toBeVisible();
    // Identity and dates are not editable here; the amounts come back exactly as stored.
    await expect(dialog.getByLabel("Provider")).toHaveCount(0);
    await expect(dialog.getByLabel("Input (USD / MTok)", { exact: true })).toHaveValue("1");
    await expect(dialog.getByLabel("Output (USD / MTok)")).toHaveValue("2");
    await expect(dialog.getByLabel("Cached input (USD / MTok)")).toHaveValue("0.25");
    await expect(dialog.getByLabel("Cache write (USD / MTok)")).toHaveValue("");
    await expect(dialog.getByLabel("Max output tokens")).toHaveValue("1000");
    await expectAccessible(page);
    await page.screenshot({ path: `${SHOTS}/prices-edit-dialog.png` });

    const output = dialog.getByLabel("Output (USD / MTok)");
    await output.fill("12.3456789");
    await page.keyboard.press("Enter"); // submits the form from the field
    await expect(dialog.getByText("at most 6 decimals (micro-dollars)")).toBeVisible();
    await expect(output).toHaveAttribute("aria-invalid", "true");
    await expectAccessible(page);
    await page.screenshot({ path: `${SHOTS}/prices-edit-dialog-error.png` });

    await output.fill("12.5");
    await page.keyboard.press("Enter");
    await expect(dialog).toBeHidden();
    await expect(page.getByText(`Price for ${name} updated`)).toBeVisible();
    await expect(row).toContainText("$12.50");
    await expect(row).toContainText("$1.00");

    const stored = await getPrice(request, price.id);
    expect(stored.status).toBe(200);
    expect(stored.body).toMatchObject({ outputUsdPerMTok: 12.5, inputUsdPerMTok: 1, cachedInputUsdPerMTok: 0.25, cacheWriteUsdPerMTok: null, maxOutputTokens: 1000 });

    // Escape closes the dialog without saving, and focus is back in the page.
    await edit.click();
    await expect(dialog.getByLabel("Output (USD / MTok)")).toHaveValue("12.5");
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
  });

  test("a price deleted elsewhere while its edit dialog is open: the dialog says so", async ({ page, request }) => {
    const price = await seedPrice(request);
    const name = `e2e/${price.model}`;
    await page.goto(`/prices?q=${price.model}`);
    await rowOf(page, price.model).getByRole("button", { name: `Edit price ${name} (in force)` }).click();
    const dialog = page.getByRole("dialog", { name: `Edit price for ${name}` });
    await adminApi(request).del(`/prices/${price.id}`);
    await dialog.getByLabel("Output (USD / MTok)").fill("3");
    await dialog.getByRole("button", { name: "Save changes" }).click();
    await expect(dialog.getByText("price not found")).toBeVisible();
    await expect(dialog).toBeVisible();
  });
});

test.describe("as an admin", () => {
  test.use({ storageState: storageStateOf("admin") });

  test("deletes a price after confirming, naming the model; it is gone from the table and the API", async ({ page, request }) => {
    const price = await seedPrice(request);
    const name = `e2e/${price.model}`;
    await page.goto(`/prices?q=${price.model}`);
    const row = rowOf(page, price.model);
    const del = row.getByRole("button", { name: `Delete price ${name} (in force)` });

    await del.click();
    const confirm = page.getByRole("dialog", { name: `Delete the price for ${name}?` });
    await expect(confirm).toContainText(`It is in force now. It is the only price for ${name}`);
    await expectAccessible(page);
    await page.screenshot({ path: `${SHOTS}/prices-delete-dialog.png` });
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await expect(confirm).toBeHidden();
    expect((await getPrice(request, price.id)).status).toBe(200);

    await del.click();
    await confirm.getByRole("button", { name: "Delete price" }).click();
    await expect(confirm).toBeHidden();
    await expect(page.getByText(`Price for ${name} deleted`)).toBeVisible();
    // The search still names the model, so the one row left is the table saying nothing matches.
    await expect(row).toHaveText(`No rows match “${price.model}”.`);
    expect((await getPrice(request, price.id)).status).toBe(404);
  });
});

for (const role of ["finance", "member"] as const) {
  test.describe(`as ${role}`, () => {
    test.use({ storageState: storageStateOf(role) });

    test("reads prices but cannot add, edit or delete one", async ({ page, request }) => {
      const price = await seedPrice(request);
      await page.goto(`/prices?q=${price.model}`);
      await expect(page.getByRole("heading", { level: 1, name: "Prices" })).toBeVisible();
      await expect(rowOf(page, price.model)).toContainText("$2.00");
      await expect(page.getByRole("button", { name: "New price" })).toHaveCount(0);
      await expect(page.getByRole("button", { name: /^(Edit|Delete) price/ })).toHaveCount(0);
      await expect(page.getByRole("columnheader", { name: "Actions" })).toHaveCount(0);
      expect((await page.request.post("/api/v1/prices", { data: { provider: "x", model: "y", inputUsdPerMTok: 1, outputUsdPerMTok: 1, maxOutputTokens: 1 } })).status()).toBe(403);
      expect((await page.request.patch(`/api/v1/prices/${price.id}`, { data: { outputUsdPerMTok: 0 } })).status()).toBe(403);
      expect((await page.request.delete(`/api/v1/prices/${price.id}`)).status()).toBe(403);
    });
  });
}
