import { withApi } from "@/lib/api/with-api";
import { listQuerySchema } from "@/lib/schemas/common";
import { listDeliveries } from "@/lib/webhooks/deliveries";

export const GET = withApi({ permission: "webhook:manage", query: listQuerySchema }, ({ actor, params, query }) => listDeliveries(actor, params.id, query));
