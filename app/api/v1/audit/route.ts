import { withApi } from "@/lib/api/with-api";
import { listAudit } from "@/lib/audit/list-audit";
import { auditQuerySchema } from "@/lib/schemas/audit";

export const GET = withApi({ permission: "audit:read", query: auditQuerySchema }, ({ actor, query }) => listAudit(actor, query));
