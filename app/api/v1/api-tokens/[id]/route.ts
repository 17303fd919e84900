import { withApi } from "@/lib/api/with-api";
import { revokeApiToken } from "@/lib/tokens/api-tokens";

export const DELETE = withApi({ permission: "token:manage" }, ({ actor, params }) => revokeApiToken(actor, params.id));
