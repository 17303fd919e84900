import type { DefaultSession } from "next-auth";

declare module "next-auth" {
  interface Session {
    user: { id: string; orgId: string; role: string; teamId: string | null } & DefaultSession["user"];
  }
}
