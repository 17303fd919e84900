// `npm run dev`: prepares the database like the production server does, then runs `next dev`
// (the enforcement endpoints are served by their route handlers there).
import { spawn } from "node:child_process";
import { prepare } from "@/lib/server/prepare";

prepare()
  .then(() => {
    const args = ["next", "dev", "-p", process.env.PORT ?? "3000", "-H", process.env.HOST ?? "127.0.0.1"];
    const child = spawn("npx", args, { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    child.on("exit", (code) => process.exit(code ?? 0));
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  })
  .catch((e) => {
    console.error("purser: failed to prepare:", e instanceof Error ? e.message : e);
    process.exit(1);
  });
