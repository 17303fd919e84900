import { withApi } from "@/lib/api/with-api";
import { acknowledgeAlertsSchema } from "@/lib/schemas/alert";
import { acknowledgeAlerts } from "@/lib/alerts/acknowledge-alerts";

/** Bulk: `{ "ids": [...] }` -> `{ "items": [...] }` (all or nothing). */
export const POST = withApi({ permission: "alert:ack", body: acknowledgeAlertsSchema }, async ({ actor, body }) => ({ items: await acknowledgeAlerts(actor, body.ids), nextCursor: null }));
