// The one Prisma client. SQLite (embedded default, data/purser.db) unless DATABASE_URL points at
// PostgreSQL. Both generated clients have the same shape; the SQLite one provides the static type.
import path from "node:path";
import { mkdirSync } from "node:fs";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "@/lib/generated/sqlite/client";
import { PrismaClient as PostgresClient } from "@/lib/generated/postgres/client";

export type DbProvider = "sqlite" | "postgresql";

/** Secrets never leave the database unless a caller opts in with `omit: { field: false }`. */
const omit = {
  user: { passwordHash: true },
  apiKey: { keyHash: true },
  gatewayToken: { tokenHash: true },
  apiToken: { tokenHash: true },
  webhook: { secret: true },
} as const;

function makeSqlite(url: string) {
  return new SqliteClient({ adapter: new PrismaBetterSqlite3({ url }), omit });
}
export type Db = ReturnType<typeof makeSqlite>;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export const DEFAULT_SQLITE_FILE = "data/purser.db";

export function databaseUrl(): string {
  return process.env.DATABASE_URL || `file:${path.resolve(DEFAULT_SQLITE_FILE)}`;
}

export function providerOf(url: string): DbProvider {
  return /^postgres(ql)?:\/\//.test(url) ? "postgresql" : "sqlite";
}

/** Absolute file path of a SQLite URL (`file:./data/x.db`, `file:/abs.db`). */
export function sqliteFilePath(url: string): string {
  return path.resolve(url.replace(/^file:/, "").split("?")[0]);
}

/** Creates a client for `url`. Most code uses the process-wide `db`; tests and scripts may need their own. */
export function createDb(url: string = databaseUrl()): Db {
  if (providerOf(url) === "postgresql") {
    const client = new PostgresClient({ adapter: new PrismaPg({ connectionString: url }), omit });
    return client as unknown as Db;
  }
  const file = sqliteFilePath(url);
  mkdirSync(path.dirname(file), { recursive: true });
  return makeSqlite(`file:${file}`);
}

type Globals = { db?: Db; dbUrl?: string };
// One client per process, shared by every module copy (Next bundles its own copy of lib/).
const globals = ((globalThis as Record<symbol, Globals>)[Symbol.for("purser.db")] ??= {});

function current(): Db {
  const url = databaseUrl();
  if (!globals.db || globals.dbUrl !== url) {
    globals.db = createDb(url);
    globals.dbUrl = url;
  }
  return globals.db;
}

/** The process-wide client, created on first use from DATABASE_URL. */
export const db: Db = new Proxy({} as Db, {
  get(_target, prop) {
    const client = current();
    const value = Reflect.get(client, prop, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

export function dbProvider(): DbProvider {
  return providerOf(databaseUrl());
}
