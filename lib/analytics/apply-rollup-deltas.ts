// Applies rollup increments inside the caller's Prisma transaction, with the same statements settle's
// group commit runs (`upsertRollups`): the fixtures and small seeders write rollups exactly as settle.
import { dbProvider, type Tx } from "@/lib/db";
import { pgDialect, sqliteDialect, upsertRollups } from "@/lib/enforcement/store/usage-sql";
import type { RollupDeltas } from "./rollup-deltas";

type Executor = Pick<Tx, "$executeRawUnsafe">;

export async function applyRollupDeltas(tx: Executor, orgId: string, deltas: RollupDeltas): Promise<void> {
  const dialect = dbProvider() === "postgresql" ? pgDialect : sqliteDialect;
  for (const st of upsertRollups(dialect, orgId, deltas)) await tx.$executeRawUnsafe(st.sql, ...st.params);
}
