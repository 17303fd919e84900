import { iso } from "@/lib/api/json";
import type { UserOut } from "@/lib/schemas/user";
import type { Role } from "@/lib/generated/sqlite/enums";

export const userInclude = { team: { select: { name: true } } } as const;

type UserRow = {
  id: string;
  email: string;
  name: string;
  role: Role;
  teamId: string | null;
  team?: { name: string } | null;
  passwordHash?: string | null;
  disabledAt: Date | null;
  lastLoginAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

export function serializeUser(u: UserRow, hasPassword?: boolean): UserOut {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    teamId: u.teamId,
    teamName: u.team?.name ?? null,
    disabled: u.disabledAt !== null,
    disabledAt: iso(u.disabledAt),
    lastLoginAt: iso(u.lastLoginAt),
    hasPassword: hasPassword ?? Boolean(u.passwordHash),
    createdAt: iso(u.createdAt),
    updatedAt: iso(u.updatedAt),
  };
}

/** Reads the user with a boolean "has a password" and never the hash itself. */
export function withPasswordFlag<T extends { passwordHash?: string | null }>(row: T) {
  const { passwordHash, ...rest } = row;
  return { row: rest, hasPassword: Boolean(passwordHash) };
}
