#!/usr/bin/env bash
# Reads every .trx in the folder given and prints, last, one line "N passed, N failed, N skipped"; before it, when a
# test failed, the name of every failed test, so the end of a long log says which ones. Exits 1 when a test failed or
# no result was written. Used by scripts/test.sh; run it by hand on a TestResults folder to read a past run.
set -euo pipefail
results="${1:?usage: summarise-trx.sh TestResults}"

# grep finds nothing in a clean run: "|| true" keeps set -e and pipefail from ending the script there.
count() { { grep -o "$1" "$2" || true; } | wc -l; }

passed=0 failed=0 skipped=0 files=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" || true)
  attr() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" | grep . || echo 0; }
  passed=$((passed + $(attr passed)))
  failed=$((failed + $(attr failed) + $(attr error) + $(attr timeout) + $(attr aborted)))
  # A skipped test is a result with outcome NotExecuted; the counters' notExecuted stays 0 for xUnit's skips.
  skipped=$((skipped + $(count '<UnitTestResult [^>]*outcome="NotExecuted"' "$trx")))
done

if [ "$failed" -gt 0 ]; then
  echo "Failed tests:"
  for trx in "$results"/*.trx; do
    [ -e "$trx" ] || continue
    { grep -o '<UnitTestResult [^>]*outcome="\(Failed\|Error\|Timeout\|Aborted\)"' "$trx" || true; } \
      | sed -n 's/.* testName="\([^"]*\)".*/  \1/p'
  done
fi

if [ "$files" -eq 0 ]; then
  echo "No test results were written; the test run did not start." >&2
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$files" -gt 0 ]
