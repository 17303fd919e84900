import { defineConfig, devices } from "@playwright/test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { E2E } from "./e2e/support/env";

// One fresh SQLite file per run. Workers re-read this config, so the directory is created once and
// handed down through the environment (workers inherit it from the runner).
process.env.PURSER_E2E_DIR ??= mkdtempSync(path.join(tmpdir(), "purser-e2e-"));
const databaseUrl = `file:${path.join(process.env.PURSER_E2E_DIR, "purser.db")}`;

export default defineConfig({
  testDir: "./e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  use: {
    baseURL: E2E.baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    ...devices["Desktop Chrome"],
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      // Debian's Chromium (never `npx playwright install`: it downloads, and fails offline).
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1",
      ],
    },
  },
  projects: [
    { name: "setup", testMatch: /.*\.setup\.ts/ },
    { name: "chromium", testMatch: /.*\.spec\.ts/, dependencies: ["setup"] },
  ],
  webServer: {
    // The production server (`npm run build` ran before): migrations and bootstrap happen on start.
    command: "npm start",
    url: `${E2E.baseURL}/sign-in`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(E2E.port),
      HOST: "127.0.0.1",
      DATABASE_URL: databaseUrl,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      AUTH_SECRET: "e2e-auth-secret-not-for-production-0123456789",
      PURSER_BOOTSTRAP_ORG: E2E.org,
      PURSER_BOOTSTRAP_EMAIL: E2E.owner.email,
      PURSER_BOOTSTRAP_PASSWORD: E2E.owner.password,
      PURSER_BOOTSTRAP_ADMIN_TOKEN: E2E.adminToken,
      PURSER_BOOTSTRAP_GATEWAY_TOKEN: E2E.gatewayToken,
    },
  },
});
