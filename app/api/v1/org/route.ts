import { withApi } from "@/lib/api/with-api";
import { getOrg } from "@/lib/org/get-org";
import { updateOrg } from "@/lib/org/update-org";
import { updateOrgSchema } from "@/lib/schemas/org";

export const GET = withApi({ permission: "org:read" }, ({ actor }) => getOrg(actor));
export const PATCH = withApi({ permission: "org:update", body: updateOrgSchema }, ({ actor, body }) => updateOrg(actor, body));
