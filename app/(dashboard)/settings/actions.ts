"use server";
// Organization settings, gateway tokens and admin API tokens.
import type { z } from "zod";
import { actionId, withAction } from "@/lib/api/with-action";
import { updateOrgSchema } from "@/lib/schemas/org";
import { createApiTokenSchema, createGatewayTokenSchema } from "@/lib/schemas/token";
import { updateOrg } from "@/lib/org/update-org";
import { createGatewayToken, revokeGatewayToken } from "@/lib/tokens/gateway-tokens";
import { createApiToken, revokeApiToken } from "@/lib/tokens/api-tokens";

const revalidate = ["/settings"];

export async function updateOrgAction(input: z.input<typeof updateOrgSchema>) {
  return withAction((actor) => updateOrg(actor, updateOrgSchema.parse(input)), { revalidate });
}

/** Answers the token with its secret (`token`): show it once. */
export async function createGatewayTokenAction(input: z.input<typeof createGatewayTokenSchema>) {
  return withAction((actor) => createGatewayToken(actor, createGatewayTokenSchema.parse(input)), { revalidate });
}

export async function revokeGatewayTokenAction(id: string) {
  return withAction((actor) => revokeGatewayToken(actor, actionId(id)), { revalidate });
}

/** Answers the token with its secret (`token`): show it once. */
export async function createApiTokenAction(input: z.input<typeof createApiTokenSchema>) {
  return withAction((actor) => createApiToken(actor, createApiTokenSchema.parse(input)), { revalidate });
}

export async function revokeApiTokenAction(id: string) {
  return withAction((actor) => revokeApiToken(actor, actionId(id)), { revalidate });
}
