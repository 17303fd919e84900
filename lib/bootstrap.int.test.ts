// Bootstrap needs an empty database, so this test makes its own (SQLite file or PostgreSQL database
// of the same provider as the run), separate from the shared test database.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createDb, databaseUrl, providerOf, type Db } from "@/lib/db";
import { sha256Hex } from "@/lib/crypto";
import { runMigrations } from "@/lib/migrations/run-migrations";
import { createPgDatabase, dropPgDatabase } from "@/lib/testing/pg-admin";
import { verifyPassword } from "@/lib/auth/passwords";
import { bootstrap, slugify, type BootstrapEnv } from "./bootstrap";

let client: Db;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  if (providerOf(databaseUrl()) === "postgresql") {
    const { name, url } = await createPgDatabase("purser_boot");
    await runMigrations(url);
    client = createDb(url);
    cleanup = async () => {
      await client.$disconnect();
      await dropPgDatabase(name);
    };
  } else {
    const dir = mkdtempSync(path.join(os.tmpdir(), "purser-boot-"));
    const url = `file:${path.join(dir, "boot.db")}`;
    await runMigrations(url);
    client = createDb(url);
    cleanup = async () => {
      await client.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    };
  }
});

afterAll(() => cleanup());

const env: BootstrapEnv = {
  PURSER_BOOTSTRAP_ORG: "Acme Robotics",
  PURSER_BOOTSTRAP_EMAIL: "Owner@Acme.test",
  PURSER_BOOTSTRAP_PASSWORD: "a long owner password",
  PURSER_BOOTSTRAP_TIMEZONE: "Europe/Berlin",
  PURSER_BOOTSTRAP_ADMIN_TOKEN: "psr_adm_bootstrapAdminTokenSecret0001",
  PURSER_BOOTSTRAP_GATEWAY_TOKEN: "psr_gw_bootstrapGatewayTokenSecret0001",
};

describe("bootstrap", () => {
  it("creates org, owner and both tokens on an empty database, logging no secret", async () => {
    const logs = [vi.spyOn(console, "log"), vi.spyOn(console, "warn"), vi.spyOn(console, "error")];
    const result = await bootstrap(env, client);
    expect(result).toMatchObject({ created: true, orgName: "Acme Robotics", ownerEmail: "owner@acme.test" });
    expect(result.tokensCreated.sort()).toEqual(["admin", "gateway"]);
    const org = await client.organization.findFirstOrThrow();
    expect(org).toMatchObject({ slug: "acme-robotics", timezone: "Europe/Berlin" });
    const owner = await client.user.findUniqueOrThrow({ where: { email: "owner@acme.test" }, omit: { passwordHash: false } });
    expect(owner.role).toBe("owner");
    expect(await verifyPassword(owner.passwordHash!, env.PURSER_BOOTSTRAP_PASSWORD!)).toBe(true);
    const admin = await client.apiToken.findUniqueOrThrow({ where: { tokenHash: sha256Hex(env.PURSER_BOOTSTRAP_ADMIN_TOKEN!) } });
    expect(admin).toMatchObject({ orgId: org.id, role: "admin" });
    expect(await client.gatewayToken.count({ where: { tokenHash: sha256Hex(env.PURSER_BOOTSTRAP_GATEWAY_TOKEN!) } })).toBe(1);
    const printed = logs.flatMap((s) => s.mock.calls.flat()).join(" ");
    for (const secret of [env.PURSER_BOOTSTRAP_PASSWORD!, env.PURSER_BOOTSTRAP_ADMIN_TOKEN!, env.PURSER_BOOTSTRAP_GATEWAY_TOKEN!]) {
      expect(printed).not.toContain(secret);
    }
    logs.forEach((s) => s.mockRestore());
  });

  it("is idempotent on every later start", async () => {
    const again = await bootstrap(env, client);
    expect(again).toEqual({ created: false, tokensCreated: [] });
    const again2 = await bootstrap(env, client);
    expect(again2.created).toBe(false);
    expect(await client.organization.count()).toBe(1);
    expect(await client.user.count()).toBe(1);
    expect(await client.apiToken.count()).toBe(1);
    expect(await client.gatewayToken.count()).toBe(1);
  });

  it("adds tokens newly named in the env, but never revives a revoked one", async () => {
    const admin = await client.apiToken.findFirstOrThrow();
    await client.apiToken.update({ where: { id: admin.id }, data: { revokedAt: new Date() } });
    const result = await bootstrap({ ...env, PURSER_BOOTSTRAP_GATEWAY_TOKEN: "psr_gw_aSecondGatewayTokenSecret000002" }, client);
    expect(result.tokensCreated).toEqual(["gateway"]);
    expect(await client.gatewayToken.count()).toBe(2);
    expect((await client.apiToken.findFirstOrThrow()).revokedAt).not.toBeNull();
  });

  it("runs concurrently without duplicates", async () => {
    const results = await Promise.all([bootstrap(env, client), bootstrap(env, client)]);
    expect(results.every((r) => !r.created)).toBe(true);
    expect(await client.organization.count()).toBe(1);
  });
});

describe("slugify", () => {
  it("makes URL-safe slugs", () => {
    expect(slugify("Acme Robotics, Inc.")).toBe("acme-robotics-inc");
    expect(slugify("Ünïcode Café")).toBe("unicode-cafe");
    expect(slugify("!!!")).toBe("org");
  });
});
