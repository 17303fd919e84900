import type { Tx } from "@/lib/db";
import { ApiError } from "@/lib/api/errors";

/** A clear 409 naming the field, before the unique index would answer less helpfully. */
export async function assertTeamNameFree(tx: Tx, orgId: string, name: string, exceptId?: string) {
  const clash = await tx.team.findFirst({ where: { orgId, name, ...(exceptId ? { id: { not: exceptId } } : {}) } });
  if (clash) {
    throw new ApiError("conflict", 409, `name: a team named "${name}" already exists`, [
      { path: "name", code: "unique", message: "a team with this name already exists" },
    ]);
  }
}
