#!/usr/bin/env bash
# Runs every test of CityMaturity: domain, integration (real PostgreSQL), browser (Playwright + chromium-headless-shell),
# PDF. Installs what is missing first. Ends with one line "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/prerequisites.sh

ensure_dotnet
ensure_packages postgresql chromium-headless-shell fonts-dejavu-core fonts-wqy-zenhei poppler-utils libnss3-tools

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
results=TestResults
rm -rf "$results"

dotnet build CityMaturity.sln -c Release -nologo -clp:ErrorsOnly

status=0
dotnet test CityMaturity.sln -c Release --no-build --nologo \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" || status=$?

# One closing line for CI, after the names of any failed tests (scripts/lib/summarise-trx.sh).
summary=0
bash scripts/lib/summarise-trx.sh "$results" || summary=$?
[ "$summary" -eq 0 ] && [ "$status" -eq 0 ]
