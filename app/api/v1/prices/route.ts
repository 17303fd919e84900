import { created, withApi } from "@/lib/api/with-api";
import { listPrices } from "@/lib/prices/list-prices";
import { createPrice } from "@/lib/prices/create-price";
import { createPriceSchema, priceListQuerySchema } from "@/lib/schemas/price";

export const GET = withApi({ permission: "price:read", query: priceListQuerySchema }, ({ actor, query }) => listPrices(actor, query));
export const POST = withApi({ permission: "price:update", body: createPriceSchema }, async ({ actor, body }) =>
  created(await createPrice(actor, body)),
);
