import { defineConfig } from "vitest/config";
import path from "node:path";

const alias = { "@": path.resolve(import.meta.dirname) };
// Auth.js imports `next/server` without an extension; inlining lets vite resolve it.
const server = { deps: { inline: ["next-auth"] } };
const integration = ["**/*.int.test.ts"];
const exclude = ["node_modules/**", ".next/**", "e2e/**", "lib/generated/**"];

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", server, include: ["**/*.test.ts"], exclude: [...exclude, ...integration] },
      },
      {
        resolve: { alias },
        test: {
          name: "int-sqlite",
          server,
          include: integration,
          exclude,
          globalSetup: ["lib/testing/global-setup-sqlite.ts"],
          setupFiles: ["lib/testing/setup-db-env.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "int-pg",
          server,
          include: integration,
          exclude,
          globalSetup: ["lib/testing/global-setup-postgres.ts"],
          setupFiles: ["lib/testing/setup-db-env.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
