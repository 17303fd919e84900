import { describe, expect, it } from "vitest";
import { can, PERMISSIONS, requirePermission, ROLE_GRANTS, scopeWhere } from "./permissions";
import { ApiError } from "@/lib/api/errors";

const owner = { role: "owner" as const, teamId: null, userId: "u-owner" };
const admin = { role: "admin" as const, teamId: null, userId: "u-admin" };
const finance = { role: "finance" as const, teamId: null, userId: "u-fin" };
const leadA = { role: "lead" as const, teamId: "A", userId: "u-leadA" };
const memberA = { role: "member" as const, teamId: "A", userId: "u-memA" };
const teamlessLead = { role: "lead" as const, teamId: null, userId: "u-x" };

describe("role map", () => {
  it("gives owners and admins every permission on anything in the org", () => {
    for (const p of PERMISSIONS) {
      expect(can(owner, p, { teamId: "B", userId: "someone" })).toBe(true);
      expect(can(admin, p, { teamId: "B", userId: "someone" })).toBe(true);
    }
  });

  it("lets finance read all spend and edit budgets, but not manage users, keys or tokens", () => {
    expect(can(finance, "spend:read", { teamId: "B" })).toBe(true);
    expect(can(finance, "budget:update", { teamId: "B" })).toBe(true);
    expect(can(finance, "budget:reallocate")).toBe(true);
    for (const p of ["user:manage", "key:create", "key:revoke", "token:manage", "price:update", "org:update", "team:create"] as const) {
      expect(can(finance, p)).toBe(false);
    }
  });

  it("limits a lead to their own team", () => {
    expect(can(leadA, "key:create", { teamId: "A", userId: null })).toBe(true);
    expect(can(leadA, "key:revoke", { teamId: "A", userId: "u-memA" })).toBe(true);
    expect(can(leadA, "key:revoke", { teamId: "B", userId: "u-memB" })).toBe(false);
    expect(can(leadA, "spend:read", { teamId: "B" })).toBe(false);
    expect(can(leadA, "budget:update", { teamId: "A" })).toBe(true);
    expect(can(leadA, "user:manage")).toBe(false);
    expect(can(leadA, "team:create")).toBe(false);
  });

  it("limits a member to their own keys and spend", () => {
    expect(can(memberA, "key:create", { teamId: "A", userId: "u-memA" })).toBe(true);
    expect(can(memberA, "key:create", { teamId: "A", userId: null })).toBe(false);
    expect(can(memberA, "key:create", { teamId: "A", userId: "u-leadA" })).toBe(false);
    expect(can(memberA, "key:create", { teamId: "B", userId: "u-memA" })).toBe(false);
    expect(can(memberA, "key:revoke", { teamId: "A", userId: "u-memA" })).toBe(true);
    expect(can(memberA, "spend:read", { userId: "u-memA" })).toBe(true);
    expect(can(memberA, "spend:read", { teamId: "A" })).toBe(false);
    expect(can(memberA, "budget:update")).toBe(false);
    expect(can(memberA, "audit:read")).toBe(false);
  });

  it("never lets a team-scoped grant match without a team", () => {
    expect(can(teamlessLead, "key:read", { teamId: null })).toBe(false);
    expect(can(teamlessLead, "key:read", { teamId: undefined })).toBe(false);
    expect(scopeWhere(teamlessLead, "key:read")).toBeNull();
  });

  it("denies everything to nobody", () => {
    expect(can(null, "org:read")).toBe(false);
  });

  it("grants only known permissions", () => {
    for (const grants of Object.values(ROLE_GRANTS)) {
      for (const p of Object.keys(grants)) expect(PERMISSIONS).toContain(p);
    }
  });
});

describe("scopeWhere", () => {
  it("returns the list filter for each reach", () => {
    expect(scopeWhere(admin, "key:read")).toEqual({});
    expect(scopeWhere(leadA, "key:read")).toEqual({ teamId: "A" });
    expect(scopeWhere(memberA, "key:read")).toEqual({ userId: "u-memA" });
    expect(scopeWhere(memberA, "audit:read")).toBeNull();
    expect(scopeWhere(memberA, "user:read", { user: "id" })).toEqual({ id: "u-memA" });
  });
});

describe("requirePermission", () => {
  it("throws a 403 ApiError", () => {
    expect(() => requirePermission(memberA, "token:manage")).toThrow(ApiError);
    try {
      requirePermission(memberA, "token:manage");
    } catch (e) {
      expect((e as ApiError).status).toBe(403);
    }
    expect(() => requirePermission(admin, "token:manage")).not.toThrow();
  });
});
