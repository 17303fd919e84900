import { withApi } from "@/lib/api/with-api";
import { revokeGatewayToken } from "@/lib/tokens/gateway-tokens";

export const DELETE = withApi({ permission: "token:manage" }, ({ actor, params }) => revokeGatewayToken(actor, params.id));
