#!/usr/bin/env bash
# Bounded live-workshop load on loopback (tests/CityMaturity.LoadTests --scenario workshop, Release): a throwaway
# PostgreSQL and the app on Kestrel, 200 walk-ins join over HTTP and keep their event streams open, 2 warm-up rounds,
# a wait for the JIT to settle, 3 measured rounds of voting (48 votes in flight at a time, half change their vote once),
# close and reveal; the facilitator console's count and every phone's reveal timed, /health from the same clients as
# the baseline (docs/performance.md, "Live workshop on loopback").
# Extra arguments override the defaults (e.g. --attendees 100 --rounds 2). Exit code 0 = targets met, 1 = missed,
# 2 = errors (a vote not acknowledged or lost, a phone or the console stuck, the cap of 300 s reached).
set -euo pipefail
cd "$(dirname "$0")/.."
exec dotnet run -c Release --project tests/CityMaturity.LoadTests -- --scenario workshop "$@"
