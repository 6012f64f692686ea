#!/usr/bin/env bash
# Mutation testing of the domain (docs/testing.md): Stryker.NET, pinned in .config/dotnet-tools.json, changes
# CityMaturity.Domain one small way at a time and runs tests/CityMaturity.Domain.Tests against each change; a change
# no test notices is a rule no test pins. The configuration (which folders, the 90 % break threshold) is
# tests/CityMaturity.Domain.Tests/stryker-config.json. Not part of scripts/test.sh or CI: a full run takes minutes.
#
#   scripts/mutation.sh                                     everything the configuration names
#   scripts/mutation.sh --mutate '**/Workshops/WorkshopRules.cs'   one file, to iterate quickly
#   scripts/mutation.sh --concurrency 2                     any other Stryker option is passed on
#
# Prints the score per file and every mutant that lived; the HTML report is under StrykerOutput/ (ignored by git).
# Exits non-zero when the score is below the break threshold.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/prerequisites.sh

ensure_dotnet
command -v python3 >/dev/null || ensure_packages python3
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet tool restore >/dev/null

# Stryker backs up the domain assembly in the test project's bin/ as *.stryker-unchanged and copies that backup back
# at the end; a backup left by an earlier run would put an old domain assembly back. Start and end without one.
forget_backups() { find tests/CityMaturity.Domain.Tests/bin -name '*.stryker-unchanged' -delete 2>/dev/null || true; }
forget_backups
trap forget_backups EXIT

output="$PWD/StrykerOutput/$(date -u +%Y%m%d-%H%M%S)"
status=0
# Stryker must start in the test project's folder: from the repository root it would see the solution and
# mutate every project.
(cd tests/CityMaturity.Domain.Tests && dotnet tool run dotnet-stryker --skip-version-check --output "$output" "$@") || status=$?

report="$output/reports/mutation-report.json"
if [ ! -f "$report" ]; then
  echo "Stryker wrote no report (exit code $status); see the messages above." >&2
  exit $((status == 0 ? 1 : status))
fi

echo
python3 scripts/lib/mutation-summary.py "$report"
echo
echo "HTML report: $output/reports/mutation-report.html"
exit "$status"
