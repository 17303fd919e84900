// Alerts and webhooks over /api/v1 on a real database: who sees which alerts, acknowledging (audited,
// all or nothing), the nav count, webhook CRUD for admins only with the secret shown once.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { actorOf, call, makeToken, makeTree, sessionCookie } from "@/lib/budgets/test-fixtures";
import { GET as listAlertsRoute } from "@/app/api/v1/alerts/route";
import { POST as ackRoute } from "@/app/api/v1/alerts/[id]/acknowledge/route";
import { POST as ackManyRoute } from "@/app/api/v1/alerts/acknowledge/route";
import { GET as listHooks, POST as createHook } from "@/app/api/v1/webhooks/route";
import { DELETE as deleteHook, GET as getHook, PATCH as patchHook } from "@/app/api/v1/webhooks/[id]/route";
import { GET as deliveriesRoute } from "@/app/api/v1/webhooks/[id]/deliveries/route";
import { countUnacknowledgedAlerts } from "./count-unacknowledged";

async function treeWithAlerts() {
  const t = await makeTree();
  const budget = (data: { level: "org" | "team" | "user" | "key"; teamId?: string; userId?: string; apiKeyId?: string }) =>
    db.budget.create({ data: { orgId: t.org.id, name: `${data.level} budget`, limitMicros: 10_000_000n, alertThresholds: [80, 100], ...data } });
  const orgB = await budget({ level: "org" });
  const teamA = await budget({ level: "team", teamId: t.teamA.id });
  const memberA = await budget({ level: "user", userId: t.users.memberA.id });
  const keyB = await budget({ level: "key", apiKeyId: t.keyB.id });
  const alert = (b: { id: string; level: "org" | "team" | "user" | "key" }, type: "threshold" | "exceeded" = "threshold") =>
    db.alert.create({ data: { orgId: t.org.id, type, level: b.level, budgetId: b.id, dedupeKey: `${b.id}:${type}`, message: `${b.level} ${type}` } });
  const alerts = { org: await alert(orgB), teamA: await alert(teamA), memberA: await alert(memberA, "exceeded"), keyB: await alert(keyB) };
  return { ...t, alerts };
}

const ids = (body: { items: { id: string }[] }) => body.items.map((i) => i.id).sort();

describe("alerts API", () => {
  it("scopes alerts by role: org readers all, a lead their team's budgets, a member their own", async () => {
    const t = await treeWithAlerts();
    const seen = async (userId: string) => ids((await call(listAlertsRoute, { auth: { cookie: await sessionCookie(userId) } })).body);
    const all = Object.values(t.alerts).map((a) => a.id).sort();
    expect(await seen(t.users.finance.id)).toEqual(all);
    expect(await seen(t.users.leadA.id)).toEqual([t.alerts.teamA.id, t.alerts.memberA.id].sort());
    expect(await seen(t.users.memberA.id)).toEqual([t.alerts.teamA.id, t.alerts.memberA.id].sort());
    expect(await seen(t.users.leadB.id)).toEqual([t.alerts.keyB.id]);
    expect(await countUnacknowledgedAlerts(t.actors.leadA)).toBe(2);
    expect(await countUnacknowledgedAlerts(t.actors.owner)).toBe(4);
  });

  it("filters by type, level, budget and acknowledged", async () => {
    const t = await treeWithAlerts();
    const auth = { bearer: await makeToken(t.org.id, "finance") };
    const q = async (qs: string) => ids((await call(listAlertsRoute, { auth, path: `/api/v1/alerts?${qs}` })).body);
    expect(await q("type=exceeded")).toEqual([t.alerts.memberA.id]);
    expect(await q("level=key")).toEqual([t.alerts.keyB.id]);
    expect(await q(`budgetId=${t.alerts.teamA.budgetId}`)).toEqual([t.alerts.teamA.id]);
    expect((await call(listAlertsRoute, { auth, path: "/api/v1/alerts?type=nope" })).status).toBe(400);
  });

  it("acknowledges with an audit entry; a lead cannot touch another team's alert; bulk is all or nothing", async () => {
    const t = await treeWithAlerts();
    const lead = { cookie: await sessionCookie(t.users.leadA.id) };
    const ok = await call(ackRoute, { method: "POST", auth: lead, params: { id: t.alerts.memberA.id } });
    expect(ok.status).toBe(200);
    expect(ok.body.acknowledgedAt).toBeTruthy();
    expect(ok.body.acknowledgedById).toBe(t.users.leadA.id);
    expect(await db.auditEntry.count({ where: { orgId: t.org.id, action: "alert.acknowledge", entityId: t.alerts.memberA.id } })).toBe(1);
    const again = await call(ackRoute, { method: "POST", auth: lead, params: { id: t.alerts.memberA.id } });
    expect(again.body.acknowledgedAt).toBe(ok.body.acknowledgedAt);
    expect((await call(ackRoute, { method: "POST", auth: lead, params: { id: t.alerts.keyB.id } })).status).toBe(404);
    const bulk = await call(ackManyRoute, { method: "POST", auth: lead, body: { ids: [t.alerts.teamA.id, t.alerts.keyB.id] } });
    expect(bulk.status).toBe(404);
    expect((await db.alert.findUniqueOrThrow({ where: { id: t.alerts.teamA.id } })).acknowledgedAt).toBeNull();
    // A member may read but not acknowledge.
    const member = { cookie: await sessionCookie(t.users.memberA.id) };
    expect((await call(ackRoute, { method: "POST", auth: member, params: { id: t.alerts.teamA.id } })).status).toBe(403);
  });
});

describe("webhooks API", () => {
  it("admins create (secret once), list, update and delete endpoints; others are refused", async () => {
    const t = await makeTree();
    const admin = { bearer: await makeToken(t.org.id, "admin") };
    const created = await call(createHook, { method: "POST", auth: admin, body: { url: "https://hooks.example.test/purser", events: ["threshold", "exceeded", "threshold"], format: "slack" } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ url: "https://hooks.example.test/purser", events: ["threshold", "exceeded"], format: "slack", enabled: true });
    expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9]{32}$/);
    const id = created.body.id;
    const got = await call(getHook, { auth: admin, params: { id } });
    expect(got.body.secret).toBeUndefined();
    expect(ids((await call(listHooks, { auth: admin })).body)).toEqual([id]);
    const patched = await call(patchHook, { method: "PATCH", auth: admin, params: { id }, body: { enabled: false, events: [] } });
    expect(patched.body).toMatchObject({ enabled: false, events: [] });
    expect((await call(deliveriesRoute, { auth: admin, params: { id } })).body).toEqual({ items: [], nextCursor: null });
    const audit = await db.auditEntry.findMany({ where: { orgId: t.org.id, entityType: "webhook" }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["webhook.create", "webhook.update"]);
    expect(JSON.stringify(audit)).not.toContain(created.body.secret);

    for (const role of ["finance", "lead", "member"] as const) {
      const user = role === "finance" ? t.users.finance : role === "lead" ? t.users.leadA : t.users.memberA;
      expect((await call(listHooks, { auth: { cookie: await sessionCookie(user.id) } })).status).toBe(403);
    }
    const bad = await call(createHook, { method: "POST", auth: admin, body: { url: "ftp://x", events: ["nope"] } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(["events.0", "url"]);
    // Another org's admin sees nothing of it.
    const other = await makeTree();
    expect((await call(getHook, { auth: { bearer: await makeToken(other.org.id, "admin") }, params: { id } })).status).toBe(404);
    expect((await call(deleteHook, { method: "DELETE", auth: admin, params: { id } })).body).toEqual({ id, deleted: true });
    expect(actorOf(t.users.owner).role).toBe("owner");
  });
});
