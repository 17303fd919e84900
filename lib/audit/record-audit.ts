// Every mutation writes one audit entry with before and after, inside the mutation's transaction.
import type { Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";

export type AuditActor = Actor | { kind: "system"; orgId: string; label: string; id?: null };

export type AuditInput = {
  actor: AuditActor;
  /** dotted verb, e.g. "team.create", "key.revoke", "budget.reallocate" */
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  note?: string | null;
  /** Defaults to the actor's org. */
  orgId?: string;
};

const SECRET_FIELDS = new Set(["passwordHash", "keyHash", "tokenHash", "secret", "key", "token", "password"]);

/** JSON-safe copy: bigint to string, dates to ISO, secret-bearing fields dropped. */
export function auditSnapshot(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  return JSON.parse(
    JSON.stringify(value, (k, v) => {
      if (SECRET_FIELDS.has(k)) return undefined;
      return typeof v === "bigint" ? v.toString() : v;
    }),
  );
}

export async function recordAudit(tx: Tx, input: AuditInput) {
  const { actor } = input;
  const before = auditSnapshot(input.before);
  const after = auditSnapshot(input.after);
  return tx.auditEntry.create({
    data: {
      orgId: input.orgId ?? actor.orgId,
      actorType: actor.kind,
      actorId: actor.id ?? null,
      actorLabel: actor.label,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId,
      // Prisma wants undefined (not null) to leave an optional Json column empty.
      before: before === null ? undefined : (before as object),
      after: after === null ? undefined : (after as object),
      note: input.note ?? null,
    },
  });
}
