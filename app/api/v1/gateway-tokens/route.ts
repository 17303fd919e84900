import { created, withApi } from "@/lib/api/with-api";
import { createGatewayToken, listGatewayTokens } from "@/lib/tokens/gateway-tokens";
import { listQuerySchema } from "@/lib/schemas/common";
import { createGatewayTokenSchema } from "@/lib/schemas/token";

export const GET = withApi({ permission: "token:manage", query: listQuerySchema }, ({ actor, query }) => listGatewayTokens(actor, query));
export const POST = withApi({ permission: "token:manage", body: createGatewayTokenSchema }, async ({ actor, body }) =>
  created(await createGatewayToken(actor, body)),
);
