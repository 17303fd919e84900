import { withApi } from "@/lib/api/with-api";
import { getUser } from "@/lib/users/get-user";
import { updateUser } from "@/lib/users/update-user";
import { updateUserSchema } from "@/lib/schemas/user";

export const GET = withApi({ permission: "user:read" }, ({ actor, params }) => getUser(actor, params.id));
/** Change name, role, team or password; `{ "disabled": true }` disables, `false` enables. */
export const PATCH = withApi({ permission: "user:manage", body: updateUserSchema }, ({ actor, params, body }) =>
  updateUser(actor, params.id, body),
);
