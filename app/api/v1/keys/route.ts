import { created, withApi } from "@/lib/api/with-api";
import { listKeys } from "@/lib/keys/list-keys";
import { createKey } from "@/lib/keys/create-key";
import { createKeySchema, keyListQuerySchema } from "@/lib/schemas/key";

export const GET = withApi({ permission: "key:read", query: keyListQuerySchema }, ({ actor, query }) => listKeys(actor, query));
export const POST = withApi({ permission: "key:create", body: createKeySchema }, async ({ actor, body }) =>
  created(await createKey(actor, body)),
);
