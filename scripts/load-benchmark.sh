#!/usr/bin/env bash
# Bounded cross-city benchmarking load on loopback (tests/CityMaturity.LoadTests --scenario benchmark, Release): a
# throwaway PostgreSQL and the app on Kestrel, a network of 1,000 cities × 32 characteristics (about 49 score rows each)
# written in one batched save, 16 clients × 200 requests of the comparison API (snapshots read, filters chosen and
# counted, the whole comparison) against /health from the same clients, interleaved rounds of both, then the benchmark
# PDF one at a time against /health with one client (docs/performance.md, "Cross-city benchmarking under load").
# Extra arguments override the defaults (e.g. --requests 50 --cities 500). Exit code 0 = targets met (comparison p95
# < 100 ms at 16 clients, PDF p95 < 300 ms), 1 = missed, 2 = errors.
set -euo pipefail
cd "$(dirname "$0")/.."
exec dotnet run -c Release --project tests/CityMaturity.LoadTests -- --scenario benchmark "$@"
