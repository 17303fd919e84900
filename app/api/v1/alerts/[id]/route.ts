import { withApi } from "@/lib/api/with-api";
import { getAlert } from "@/lib/alerts/list-alerts";

export const GET = withApi({ permission: "alert:read" }, ({ actor, params }) => getAlert(actor, params.id));
