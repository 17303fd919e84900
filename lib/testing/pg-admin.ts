import pg from "pg";

export const PG_ADMIN_URL = process.env.PURSER_PG_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

async function withAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty PostgreSQL database with a unique name; returns its URL. */
export async function createPgDatabase(prefix = "purser_test"): Promise<{ name: string; url: string }> {
  const name = `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  await withAdmin((c) => c.query(`CREATE DATABASE "${name}"`));
  return { name, url: PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`) };
}

export async function dropPgDatabase(name: string): Promise<void> {
  await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}
