import { created, withApi } from "@/lib/api/with-api";
import { listUsers } from "@/lib/users/list-users";
import { createUser } from "@/lib/users/create-user";
import { createUserSchema, userListQuerySchema } from "@/lib/schemas/user";

export const GET = withApi({ permission: "user:read", query: userListQuerySchema }, ({ actor, query }) => listUsers(actor, query));
export const POST = withApi({ permission: "user:manage", body: createUserSchema }, async ({ actor, body }) =>
  created(await createUser(actor, body)),
);
