// Next calls register() once per server process (next dev, next start and the custom server in
// lib/server/main.ts). It starts the alert delivery worker: webhook deliveries and forecast alerts run
// in the background of the process, never on the request path. PURSER_ALERT_WORKER=off disables it
// (e.g. on replicas that should only serve requests).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.PURSER_ALERT_WORKER === "off") return;
  const { startAlertWorker } = await import("@/lib/alerts/worker");
  startAlertWorker();
}
