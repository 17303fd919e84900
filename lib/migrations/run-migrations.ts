// Applies the committed Prisma-format migrations (prisma/<provider>/migrations/*/migration.sql) and
// records them in `_prisma_migrations` exactly as `prisma migrate deploy` would (checksum = SHA-256 of
// the file), so the standard CLI can take over wherever the native schema engine exists. Offline, no
// engine binary: plain better-sqlite3 and pg. Safe to run from several replicas at once (PostgreSQL
// advisory lock; SQLite's write lock).
import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { providerOf, sqliteFilePath, type DbProvider } from "@/lib/db";

type Migration = { name: string; sql: string; checksum: string };
type Applied = { migration_name: string; checksum: string; finished_at: unknown; rolled_back_at: unknown };

const LOCK_ID = 7_210_531; // arbitrary, constant: serializes migrators across replicas

export function migrationsDir(provider: DbProvider, root = process.cwd()): string {
  return path.join(root, "prisma", provider === "sqlite" ? "sqlite" : "postgres", "migrations");
}

export function loadMigrations(provider: DbProvider, root?: string): Migration[] {
  const dir = migrationsDir(provider, root);
  if (!existsSync(dir)) throw new Error(`no migrations folder at ${dir}`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

/** Which migrations still need applying; throws if an applied one was edited or left failed. */
function pending(all: Migration[], applied: Applied[]): Migration[] {
  const done = new Map(applied.filter((a) => !a.rolled_back_at).map((a) => [a.migration_name, a]));
  for (const a of done.values()) {
    if (!a.finished_at) throw new Error(`migration ${a.migration_name} failed earlier; fix the database by hand`);
    const m = all.find((x) => x.name === a.migration_name);
    if (m && m.checksum !== a.checksum) throw new Error(`migration ${a.migration_name} was modified after it was applied`);
  }
  return all.filter((m) => !done.has(m.name));
}

const SQLITE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME,
  "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME,
  "started_at" DATETIME NOT NULL DEFAULT current_timestamp, "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`;

const PG_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`;

function migrateSqlite(url: string, root?: string): string[] {
  const file = sqliteFilePath(url);
  mkdirSync(path.dirname(file), { recursive: true });
  const conn = new Database(file, { timeout: 10_000 });
  try {
    // WAL lets readers proceed while the engine group-commits; it persists in the file.
    conn.pragma("journal_mode = WAL");
    conn.exec(SQLITE_TABLE);
    const names: string[] = [];
    // BEGIN IMMEDIATE takes the write lock first, so two processes cannot both apply a migration.
    conn.transaction(() => {
      const applied = conn.prepare(`SELECT * FROM "_prisma_migrations"`).all() as Applied[];
      for (const m of pending(loadMigrations("sqlite", root), applied)) {
        conn.exec(m.sql);
        const now = new Date().toISOString();
        conn
          .prepare(
            `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, 1)`,
          )
          .run(randomUUID(), m.checksum, now, m.name, now);
        names.push(m.name);
      }
    }).immediate();
    return names;
  } finally {
    conn.close();
  }
}

async function migratePostgres(url: string, root?: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_ID]);
    await client.query(PG_TABLE);
    const { rows } = await client.query<Applied>(`SELECT * FROM "_prisma_migrations"`);
    const names: string[] = [];
    for (const m of pending(loadMigrations("postgresql", root), rows)) {
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES ($1, $2, now(), $3, now(), 1)`,
          [randomUUID(), m.checksum, m.name],
        );
        await client.query("COMMIT");
      } catch (e) {
        await client.query("ROLLBACK");
        throw new Error(`migration ${m.name} failed: ${(e as Error).message}`);
      }
      names.push(m.name);
    }
    return names;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [LOCK_ID]).catch(() => {});
    await client.end();
  }
}

/** Applies every pending migration to the database at `url`; returns the names applied. */
export async function runMigrations(url: string, root?: string): Promise<string[]> {
  return providerOf(url) === "postgresql" ? migratePostgres(url, root) : migrateSqlite(url, root);
}
