// Fixed facts of the e2e run: the server's port, the bootstrap org and its secrets, the role users.
export const E2E = {
  port: Number(process.env.PURSER_E2E_PORT ?? 3100),
  get baseURL() {
    return `http://127.0.0.1:${this.port}`;
  },
  org: "E2E Corp",
  owner: { email: "owner@e2e.test", password: "owner-password-e2e-1" },
  adminToken: "psr_adm_e2eBootstrapAdminToken0123456789",
  gatewayToken: "psr_gw_e2eBootstrapGatewayToken0123456789",
  password: "role-password-e2e-1",
} as const;

export type RoleName = "owner" | "admin" | "finance" | "lead" | "member";
export const ROLES: RoleName[] = ["owner", "admin", "finance", "lead", "member"];

/** Users the setup project creates (the owner comes from the bootstrap). */
export const ROLE_USERS: Record<Exclude<RoleName, "owner">, { email: string; name: string; team?: "platform" }> = {
  admin: { email: "admin@e2e.test", name: "Ada Admin" },
  finance: { email: "finance@e2e.test", name: "Fin Finance" },
  lead: { email: "lead@e2e.test", name: "Lee Lead", team: "platform" },
  member: { email: "member@e2e.test", name: "Mem Member", team: "platform" },
};

export const TEAMS = { platform: "Platform", research: "Research" } as const;

export const storageStateOf = (role: RoleName) => `e2e/.auth/${role}.json`;
export const FIXTURES_FILE = "e2e/.auth/fixtures.json";
