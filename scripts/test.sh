#!/usr/bin/env bash
# Runs every test of CityMaturity: domain, integration (real PostgreSQL), browser (Playwright + chromium),
# PDF. Installs what is missing first. Ends with one line "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/prerequisites.sh

ensure_dotnet
ensure_packages postgresql chromium fonts-dejavu-core fonts-wqy-zenhei poppler-utils

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
results=TestResults
rm -rf "$results"

dotnet build CityMaturity.sln -c Release -nologo -clp:ErrorsOnly

status=0
dotnet test CityMaturity.sln -c Release --no-build --nologo \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" || status=$?

# Sum the counters of every test assembly's .trx so CI reads one closing line.
passed=0 failed=0 skipped=0 files=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  attr() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(attr passed)))
  failed=$((failed + $(attr failed) + $(attr error) + $(attr timeout) + $(attr aborted)))
  # A skipped test is a result with outcome NotExecuted; the counters' notExecuted stays 0 for xUnit's skips.
  skipped=$((skipped + $(grep -o '<UnitTestResult [^>]*outcome="NotExecuted"' "$trx" | wc -l)))
done

# Name every failed test again at the end, so a reader of only the last lines of the log sees which ones.
if [ "$failed" -gt 0 ]; then
  echo "Failed tests:"
  for trx in "$results"/*.trx; do
    [ -e "$trx" ] || continue
    grep -o '<UnitTestResult [^>]*outcome="\(Failed\|Error\|Timeout\|Aborted\)"' "$trx" \
      | sed -n 's/.* testName="\([^"]*\)".*/  \1/p'
  done
fi

if [ "$files" -eq 0 ]; then
  echo "No test results were written; the test run did not start." >&2
  status=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
