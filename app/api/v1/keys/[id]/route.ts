import { withApi } from "@/lib/api/with-api";
import { getKey } from "@/lib/keys/get-key";
import { updateKey } from "@/lib/keys/update-key";
import { revokeKey } from "@/lib/keys/revoke-key";
import { updateKeySchema } from "@/lib/schemas/key";

export const GET = withApi({ permission: "key:read" }, ({ actor, params }) => getKey(actor, params.id));
export const PATCH = withApi({ permission: "key:update", body: updateKeySchema }, ({ actor, params, body }) =>
  updateKey(actor, params.id, body),
);
/** Revokes the key (kept for its spend history). */
export const DELETE = withApi({ permission: "key:revoke" }, ({ actor, params }) => revokeKey(actor, params.id));
