import { withApi } from "@/lib/api/with-api";
import { getPrice } from "@/lib/prices/get-price";
import { updatePrice } from "@/lib/prices/update-price";
import { deletePrice } from "@/lib/prices/delete-price";
import { updatePriceSchema } from "@/lib/schemas/price";

export const GET = withApi({ permission: "price:read" }, ({ actor, params }) => getPrice(actor, params.id));
export const PATCH = withApi({ permission: "price:update", body: updatePriceSchema }, ({ actor, params, body }) =>
  updatePrice(actor, params.id, body),
);
export const DELETE = withApi({ permission: "price:update" }, ({ actor, params }) => deletePrice(actor, params.id));
