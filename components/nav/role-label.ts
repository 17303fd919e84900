import type { RoleName } from "@/lib/schemas/common";

const ROLE_LABELS: Record<RoleName, string> = {
  owner: "Owner",
  admin: "Admin",
  finance: "Finance",
  lead: "Team lead",
  member: "Member",
};

export function roleLabel(role: RoleName) {
  return ROLE_LABELS[role];
}
