"use server";
import type { z } from "zod";
import { actionId, withAction } from "@/lib/api/with-action";
import { createTeamSchema, updateTeamSchema } from "@/lib/schemas/team";
import { createTeam } from "@/lib/teams/create-team";
import { updateTeam } from "@/lib/teams/update-team";
import { deleteTeam } from "@/lib/teams/delete-team";

const revalidate = ["/teams"];

export async function createTeamAction(input: z.input<typeof createTeamSchema>) {
  return withAction((actor) => createTeam(actor, createTeamSchema.parse(input)), { revalidate });
}

export async function updateTeamAction(id: string, input: z.input<typeof updateTeamSchema>) {
  return withAction((actor) => updateTeam(actor, actionId(id), updateTeamSchema.parse(input)), { revalidate });
}

export async function deleteTeamAction(id: string) {
  return withAction((actor) => deleteTeam(actor, actionId(id)), { revalidate });
}
