// What every start needs before serving, in production (main.ts) and in development (dev.ts):
// a session secret, an up-to-date database, and the bootstrap organization.
import { databaseUrl, db } from "@/lib/db";
import { backfillDailyRollups } from "@/lib/analytics/rebuild-daily-rollups";
import { runMigrations } from "@/lib/migrations/run-migrations";
import { bootstrap } from "@/lib/bootstrap";
import { ensureAuthSecret } from "@/lib/server/auth-secret";

export async function prepare(): Promise<void> {
  ensureAuthSecret();
  const applied = await runMigrations(databaseUrl());
  if (applied.length) console.log(`purser: applied ${applied.length} migration(s)`);
  const boot = await bootstrap();
  if (boot.created) console.log(`purser: created organization "${boot.orgName}" with owner ${boot.ownerEmail}`);
  const backfilled = await backfillDailyRollups(db);
  if (backfilled) console.log(`purser: daily rollups computed for ${backfilled} organization(s)`);
}
