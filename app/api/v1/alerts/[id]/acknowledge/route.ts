import { withApi } from "@/lib/api/with-api";
import { acknowledgeAlerts } from "@/lib/alerts/acknowledge-alerts";

export const POST = withApi({ permission: "alert:ack" }, async ({ actor, params }) => (await acknowledgeAlerts(actor, [params.id]))[0]);
