// The schema of record and the committed migrations of BOTH providers must agree: apply the
// migrations to a scratch database, then let Prisma's schema engine diff it against the schema.
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { missingSql } from "@/scripts/db-migrations";
import { schemaContainer } from "@/scripts/lib/schema-engine.mjs";

const root = process.cwd();

describe("migrations match prisma/schema.prisma", () => {
  it("derived per-provider schemas are up to date", () => {
    expect(() => execFileSync("node", ["scripts/db-schemas.mjs", "--check"], { stdio: "pipe" })).not.toThrow();
  });

  for (const provider of ["sqlite", "postgresql"] as const) {
    it(`${provider}: migrations produce exactly the schema`, async () => {
      expect(await missingSql(provider)).toBe("");
    });

    it(`${provider}: a schema change without a migration is caught`, async () => {
      const schema = schemaContainer(root, provider);
      const changed = {
        ...schema,
        content: schema.content.replace("model Team {\n", "model Team {\n  driftProbe String?\n"),
      };
      expect(await missingSql(provider, changed)).toMatch(/driftProbe/);
    });
  }
});
