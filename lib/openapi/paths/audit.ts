import { listOf } from "@/lib/schemas/common";
import { auditEntrySchema, auditQuerySchema } from "@/lib/schemas/audit";
import { errors, jsonResponse, op, type PathRegistrar } from "../registry";

export const registerAuditPaths: PathRegistrar = (r) => {
  op(r, {
    method: "get", path: "/api/v1/audit", tags: ["Audit"], summary: "The audit log",
    description: "Every change with its actor, before and after; newest first. `action` ending in `.` matches a prefix (`key.`). Owners, admins and finance.",
    request: { query: auditQuerySchema },
    responses: { 200: jsonResponse(listOf(auditEntrySchema), "A page of audit entries."), ...errors(400) },
  });
};
