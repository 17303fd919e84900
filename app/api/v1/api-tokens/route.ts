import { created, withApi } from "@/lib/api/with-api";
import { createApiToken, listApiTokens } from "@/lib/tokens/api-tokens";
import { listQuerySchema } from "@/lib/schemas/common";
import { createApiTokenSchema } from "@/lib/schemas/token";

export const GET = withApi({ permission: "token:manage", query: listQuerySchema }, ({ actor, query }) => listApiTokens(actor, query));
export const POST = withApi({ permission: "token:manage", body: createApiTokenSchema }, async ({ actor, body }) =>
  created(await createApiToken(actor, body)),
);
