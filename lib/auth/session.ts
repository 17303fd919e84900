// The signed-in actor for server components and server actions. The JWT only says who signed in;
// the user row says what they may do now (disabled users lose access on their next request).
import { cache } from "react";
import { auth } from "./auth";
import { actorFromUserId } from "./authenticate";
import type { Actor } from "./actor";

export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  return actorFromUserId(session?.user?.id);
});
