// Prisma's schema engine compiled to wasm, driven through a driver adapter: the only offline way to
// diff a Prisma schema against migrations or a live database on these machines (see ENVIRONMENT.md).
// Used for authoring migrations and for the check that schema and migrations agree; the runtime
// applies migrations with lib/migrations/run-migrations.ts instead. Callers must process.exit().
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import * as bg from "@prisma/schema-engine-wasm/schema_engine_bg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";

const require = createRequire(import.meta.url);
let started = false;
let lastPanic = "";

async function startWasm() {
  if (started) return;
  const pkgDir = path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
  const module = await WebAssembly.compile(readFileSync(path.join(pkgDir, "schema_engine_bg.wasm")));
  const instance = await WebAssembly.instantiate(module, { "./schema_engine_bg.js": bg });
  // The wasm glue reports panics through this global registry.
  globalThis.PRISMA_WASM_PANIC_REGISTRY = { set_message: (m) => (lastPanic = m) };
  bg.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  started = true;
}

export const PROVIDERS = {
  sqlite: { dir: "prisma/sqlite", provider: "sqlite" },
  postgresql: { dir: "prisma/postgres", provider: "postgresql" },
};

function adapterFor(provider, url, shadowUrl) {
  if (provider === "sqlite") {
    return new PrismaBetterSqlite3({ url }, { shadowDatabaseUrl: shadowUrl ?? ":memory:" });
  }
  return withCharAsText(new PrismaPg({ connectionString: url }, { shadowDatabaseUrl: shadowUrl }));
}

// adapter-pg rejects the catalog type "char" (OID 18) that introspection reads (relkind, contype…);
// its values arrive as plain strings, so relabelling the column as text (OID 25) is exact.
function withCharAsText(factory) {
  const patch = (adapter) => {
    const performIO = adapter.performIO.bind(adapter);
    adapter.performIO = async (query) => {
      const result = await performIO(query);
      result.fields = result.fields.map((f) => (f.dataTypeID === 18 ? { ...f, dataTypeID: 25 } : f));
      return result;
    };
    return adapter;
  };
  const connect = factory.connect.bind(factory);
  const connectToShadowDb = factory.connectToShadowDb.bind(factory);
  factory.connect = async () => patch(await connect());
  factory.connectToShadowDb = async () => patch(await connectToShadowDb());
  return factory;
}

/** A schema engine bound to a database (`url`), for the given provider's schema. */
export async function openEngine(root, provider, url, shadowUrl) {
  await startWasm();
  const schema = schemaContainer(root, provider);
  const factory = bindMigrationAwareSqlAdapterFactory(adapterFor(provider, url, shadowUrl));
  try {
    return await bg.SchemaEngine.new({ datamodels: [[schema.path, schema.content]] }, () => {}, factory);
  } catch (e) {
    throw new Error(`schema engine failed to start: ${e?.message ?? e} ${lastPanic}`);
  }
}

export function schemaContainer(root, provider) {
  const file = path.join(root, PROVIDERS[provider].dir, "schema.prisma");
  return { path: file, content: readFileSync(file, "utf8") };
}

/** The migrations folder in the shape the engine expects. */
export function migrationsList(root, provider) {
  const baseDir = path.join(root, PROVIDERS[provider].dir, "migrations");
  const dirs = existsSync(baseDir)
    ? readdirSync(baseDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()
    : [];
  const lockPath = path.join(baseDir, "migration_lock.toml");
  return {
    baseDir,
    lockfile: { path: "migration_lock.toml", content: existsSync(lockPath) ? readFileSync(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: dirs.map((name) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        content: { tag: "ok", value: readFileSync(path.join(baseDir, name, "migration.sql"), "utf8") },
      },
    })),
  };
}

export const noFilters = { externalTables: [], externalEnums: [] };

/** SQL that takes `from` to `to`; empty string when they agree. */
export async function diffScript(engine, from, to) {
  const result = await engine.diff({ from, to, script: true, shadowDatabaseUrl: null, exitCode: null, filters: noFilters });
  return (result.stdout ?? "").trim();
}
