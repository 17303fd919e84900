// Derives the per-provider Prisma schemas from prisma/schema.prisma (the schema of record).
// Usage: node scripts/db-schemas.mjs [--check]   (--check fails if a derived copy is stale)
import { readFileSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const source = readFileSync(join(root, "prisma/schema.prisma"), "utf8");
const check = process.argv.includes("--check");
let stale = false;

for (const [provider, dir] of [["sqlite", "sqlite"], ["postgresql", "postgres"]]) {
  const banner = "// GENERATED from prisma/schema.prisma by scripts/db-schemas.mjs: do not edit.\n";
  const text =
    banner +
    source
      .replace('provider = "PROVIDER"', `provider = "${provider}"`)
      .replace('output   = "../lib/generated/PROVIDER"', `output   = "../../lib/generated/${dir}"`);
  const file = join(root, "prisma", dir, "schema.prisma");
  const current = existsSync(file) ? readFileSync(file, "utf8") : null;
  if (current === text) continue;
  if (check) {
    console.error(`${file} is stale: run npm run db:schemas`);
    stale = true;
    continue;
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  console.log(`wrote ${file}`);
}
if (stale) process.exit(1);
