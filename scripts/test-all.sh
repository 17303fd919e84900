#!/usr/bin/env bash
# `npm test`: every test, in order of cost. Needs PostgreSQL on 127.0.0.1:5432 (see README).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

step() { printf '\n=== %s\n' "$*"; }

step "schema and migrations agree (SQLite and PostgreSQL)"
npm run --silent db:check

step "type check"
npx tsc --noEmit -p .

step "unit and integration tests (vitest: unit, int-sqlite, int-pg)"
npx vitest run

step "production build"
npx next build

step "end-to-end tests (Playwright, Debian Chromium)"
npx playwright test
