// Integration tests on a fresh, migrated PostgreSQL database, dropped afterwards.
import type { TestProject } from "vitest/node";
import { runMigrations } from "@/lib/migrations/run-migrations";
import { createPgDatabase, dropPgDatabase } from "@/lib/testing/pg-admin";

export default async function setup(project: TestProject) {
  const { name, url } = await createPgDatabase();
  await runMigrations(url);
  project.provide("databaseUrl", url);
  return () => dropPgDatabase(name);
}
