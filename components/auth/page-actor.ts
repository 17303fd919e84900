import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth/session";

/** The signed-in actor of a dashboard page; the proxy redirects optimistically, this is the real check. */
export async function pageActor() {
  const actor = await getActor();
  if (!actor) redirect("/sign-in");
  return actor;
}
