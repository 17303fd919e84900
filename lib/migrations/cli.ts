// `npm run db:migrate`: applies pending migrations to DATABASE_URL (default: the SQLite file under data/).
import { databaseUrl } from "@/lib/db";
import { runMigrations } from "@/lib/migrations/run-migrations";

const url = databaseUrl();
runMigrations(url)
  .then((names) => {
    console.log(names.length ? `applied ${names.length} migration(s): ${names.join(", ")}` : "database is up to date");
  })
  .catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
