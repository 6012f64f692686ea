#!/usr/bin/env bash
# Runs the scoring benchmarks (BenchmarkDotNet, Release). Extra arguments go to BenchmarkDotNet;
# the default reproduces docs/performance.md: every benchmark, short job.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$#" -eq 0 ]; then set -- --filter '*' --job short; fi
exec dotnet run -c Release --project tests/CityMaturity.Benchmarks -- "$@"
