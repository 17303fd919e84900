import { expect, test } from "@playwright/test";
import { adminApi, unique, type Item } from "./support/api";
import { storageStateOf } from "./support/env";

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
});

test.describe("as a member", () => {
  test.use({ storageState: storageStateOf("member") });

  test("reads prices but cannot add one", async ({ page }) => {
    await page.goto("/prices");
    await expect(page.getByRole("heading", { level: 1, name: "Prices" })).toBeVisible();
    await expect(page.getByRole("button", { name: "New price" })).toHaveCount(0);
    expect((await page.request.post("/api/v1/prices", { data: { provider: "x", model: "y", inputUsdPerMTok: 1, outputUsdPerMTok: 1, maxOutputTokens: 1 } })).status()).toBe(403);
  });
});
