// Runs in each test worker before the test file: points lib/db at the project's test database.
import { inject } from "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

process.env.DATABASE_URL = inject("databaseUrl");
