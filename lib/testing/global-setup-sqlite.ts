// Integration tests on a fresh, migrated SQLite file (one per run; tests isolate by creating their own org).
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { runMigrations } from "@/lib/migrations/run-migrations";

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "purser-test-"));
  const url = `file:${path.join(dir, "purser.db")}`;
  await runMigrations(url);
  project.provide("databaseUrl", url);
  return () => rmSync(dir, { recursive: true, force: true });
}
