import { withApi } from "@/lib/api/with-api";
import { sendTestDelivery } from "@/lib/webhooks/deliveries";

/** Sends one signed test delivery now and answers its outcome (status, response code). */
export const POST = withApi({ permission: "webhook:manage" }, ({ actor, params }) => sendTestDelivery(actor, params.id));
