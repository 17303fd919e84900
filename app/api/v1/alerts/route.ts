import { withApi } from "@/lib/api/with-api";
import { alertListQuerySchema } from "@/lib/schemas/alert";
import { listAlerts } from "@/lib/alerts/list-alerts";

export const GET = withApi({ permission: "alert:read", query: alertListQuerySchema }, ({ actor, query }) => listAlerts(actor, query));
