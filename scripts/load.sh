#!/usr/bin/env bash
# Bounded load on loopback (tests/CityMaturity.LoadTests, Release): a throwaway PostgreSQL and the app on Kestrel,
# 1,000 participants' ratings, 16 clients × 200 summary requests, /health as the same-run baseline, 30 dashboard
# renders. Extra arguments override the defaults (e.g. --requests 50). Exit code 0 = targets met, 1 = missed, 2 = errors.
set -euo pipefail
cd "$(dirname "$0")/.."
exec dotnet run -c Release --project tests/CityMaturity.LoadTests -- "$@"
