#!/usr/bin/env bash
# Starts N replicas of the production server on one machine, for trying the distributed mode:
#   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/purser REDIS_URL=redis://127.0.0.1:6379 scripts/replicas.sh 3
# Replica i listens on 127.0.0.1:300i; all share DATABASE_URL, REDIS_URL and AUTH_SECRET (generated
# once here if unset, so sessions signed by one replica are valid on the others). Put any load
# balancer in front (or point gateways at the ports directly). Logs: data/replicas/replica-i.log.
# Ctrl-C stops exactly the processes this script started.
set -euo pipefail
cd "$(dirname "$0")/.."

N="${1:-3}"
: "${DATABASE_URL:?set DATABASE_URL=postgresql://... (distributed mode keeps its system of record in PostgreSQL)}"
case "$DATABASE_URL" in postgres://* | postgresql://*) ;; *) echo "DATABASE_URL must be a PostgreSQL URL" >&2; exit 1 ;; esac
export DATABASE_URL
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
export NODE_ENV=production NEXT_TELEMETRY_DISABLED=1
export AUTH_SECRET="${AUTH_SECRET:-$(node -e 'console.log(require("node:crypto").randomBytes(32).toString("base64url"))')}"

[ -f .next/BUILD_ID ] || npx next build
mkdir -p data/replicas

pids=()
stop() {
  trap - EXIT INT TERM
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait
}
trap stop EXIT INT TERM

wait_listening() { # $1 = log file; the first replica applies migrations and bootstraps the org
  for _ in $(seq 1 600); do
    grep -q "listening on" "$1" 2>/dev/null && return 0
    sleep 0.2
  done
  echo "replica did not start, see $1" >&2
  exit 1
}

for i in $(seq 1 "$N"); do
  log="data/replicas/replica-$i.log"
  # node itself (not npx): the pid we keep is the server, so stopping it is exact.
  PORT=$((3000 + i)) node --import tsx lib/server/main.ts >"$log" 2>&1 &
  pids+=($!)
  if [ "$i" = 1 ]; then wait_listening "$log"; fi
done
for i in $(seq 2 "$N"); do wait_listening "data/replicas/replica-$i.log"; done
echo "purser: $N replicas on http://127.0.0.1:3001..$((3000 + N)) (DATABASE_URL and REDIS_URL shared); Ctrl-C stops them"
wait
