import type { Role } from "@/lib/generated/sqlite/enums";

/** Who is acting: a signed-in user or an admin API token. Every domain function takes one. */
export type Actor = {
  kind: "user" | "api_token";
  /** User id or ApiToken id. */
  id: string;
  orgId: string;
  role: Role;
  teamId: string | null;
  /** Set for users; null for API tokens. */
  userId: string | null;
  /** Email or token name, kept on audit entries. */
  label: string;
};
