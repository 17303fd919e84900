// `npm start`: builds the app the first time (or after `rm -rf .next`), then runs the production server.
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
if (!existsSync(".next/BUILD_ID")) {
  console.log("purser: no production build yet, building (about a minute)…");
  const build = spawnSync("npx", ["next", "build"], { stdio: "inherit", env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const server = spawnSync("npx", ["tsx", "lib/server/main.ts"], { stdio: "inherit", env });
process.exit(server.status ?? 1);
