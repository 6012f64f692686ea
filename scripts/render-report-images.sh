#!/usr/bin/env bash
# Renders the demo city's baseline report (Demoville, "Baseline 2026") and writes two page images for the docs:
#   docs/images/report-summary.png    the executive summary
#   docs/images/report-dimension.png  the first page of dimension 1
# The report is the real one: the integration tests start the app with demo data on a throwaway PostgreSQL,
# download GET /api/assessments/{id}/report.pdf as the demo leader and keep a copy (CITYMATURITY_SAMPLE_DIR).
# Needs: the .NET SDK, PostgreSQL binaries (as for the integration tests) and poppler-utils (pdftotext, pdftoppm).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/docs/images"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

CITYMATURITY_SAMPLE_DIR="$work" dotnet test "$root/tests/CityMaturity.Integration.Tests" \
  --filter "FullyQualifiedName~BaselineReportEndpointTests.The_leader_downloads" >"$work/test.log" 2>&1 \
  || { cat "$work/test.log"; exit 1; }
pdf="$work/demoville-baseline.pdf"
[[ -s "$pdf" ]] || { echo "no report was written to $pdf" >&2; exit 1; }

# Find pages by their heading (the contents page lists every heading too, so skip it).
pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
page_with() {
  local pattern="$1" page
  for ((page = 1; page <= pages; page++)); do
    local text
    text="$(pdftotext -f "$page" -l "$page" -layout "$pdf" -)"
    if grep -q "^Contents" <<<"$text"; then continue; fi
    if grep -Eq "$pattern" <<<"$text"; then echo "$page"; return 0; fi
  done
  echo "no page matches $pattern" >&2
  return 1
}

summary=$(page_with '^Executive summary')
dimension=$(page_with '^Dimension 1 ·')

mkdir -p "$out"
pdftoppm -png -r 80 -f "$summary" -l "$summary" -singlefile "$pdf" "$out/report-summary"
pdftoppm -png -r 80 -f "$dimension" -l "$dimension" -singlefile "$pdf" "$out/report-dimension"
echo "wrote $out/report-summary.png (page $summary) and $out/report-dimension.png (page $dimension) of $pages"
