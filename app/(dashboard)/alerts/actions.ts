"use server";
import { withAction } from "@/lib/api/with-action";
import { acknowledgeAlertsSchema } from "@/lib/schemas/alert";
import { acknowledgeAlerts } from "@/lib/alerts/acknowledge-alerts";

export async function acknowledgeAlertsAction(ids: string[]) {
  return withAction((actor) => acknowledgeAlerts(actor, acknowledgeAlertsSchema.parse({ ids }).ids), { revalidate: ["/alerts"] });
}
