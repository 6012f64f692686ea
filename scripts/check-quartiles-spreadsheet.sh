#!/usr/bin/env bash
# Manual check, not part of scripts/test.sh (CI does not install LibreOffice): the quartiles that
# tests/CityMaturity.Domain.Tests/Scoring/ViewStatisticsTests.cs expects (Quartiles_match_QUARTILE_INC) against what a real
# spreadsheet computes. Reads every dataset and expected Q1/median/Q3 from the test's [InlineData] rows, writes a flat ODF
# spreadsheet with =QUARTILE.INC(data; 1|2|3) and =MEDIAN(data) per row, lets LibreOffice Calc compute it headless
# (soffice --convert-to csv) and compares. Exit code 0 = every figure equal, 1 = a difference, 2 = cannot run.
#
# Needs: apt-get install -y --no-install-recommends libreoffice-calc-nogui   (and python3)
set -euo pipefail
cd "$(dirname "$0")/.."
test_file=tests/CityMaturity.Domain.Tests/Scoring/ViewStatisticsTests.cs

if ! command -v soffice >/dev/null 2>&1; then
    echo "LibreOffice Calc is not installed: apt-get install -y --no-install-recommends libreoffice-calc-nogui" >&2
    exit 2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$test_file" "$work" <<'PY'
import re, sys
from xml.sax.saxutils import quoteattr

test_file, work = sys.argv[1], sys.argv[2]
source = open(test_file, encoding="utf-8").read()
method = source.index("public void Quartiles_match_QUARTILE_INC")
# The [InlineData] rows stand directly above the method, after its [Theory].
block = source[source.rindex("[Theory]", 0, method):method]
rows = [([int(v) for v in data.split(",")], q1, median, q3)
        for data, q1, median, q3 in re.findall(r"\[InlineData\(new\[\] \{([^}]*)\}, ([0-9.]+), ([0-9.]+), ([0-9.]+)\)\]", block)]
if not rows:
    sys.exit(f"no [InlineData] rows found above Quartiles_match_QUARTILE_INC in {test_file}")

width = 26  # data in columns A..Z; the formulas after it
def column(index):
    return chr(ord("A") + index) if index < 26 else "A" + chr(ord("A") + index - 26)

cells = []
for number, (data, *_rest) in enumerate(rows, start=1):
    if len(data) > width:
        sys.exit(f"a dataset of {len(data)} values; this check writes at most {width}")
    values = "".join(f'<table:table-cell office:value-type="float" office:value="{v}"/>' for v in data)
    values += f'<table:table-cell table:number-columns-repeated="{width - len(data)}"/>' if len(data) < width else ""
    area = f"[.A{number}:.{column(len(data) - 1)}{number}]"
    formulas = [f"of:=COM.MICROSOFT.QUARTILE.INC({area};{k})" for k in (1, 2, 3)] + [f"of:=MEDIAN({area})"]
    values += "".join(f"<table:table-cell table:formula={quoteattr(f)}/>" for f in formulas)
    cells.append(f"<table:table-row>{values}</table:table-row>")

with open(f"{work}/quartiles.fods", "w", encoding="utf-8") as out:
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n'
              '<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
              'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
              'xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" '
              'office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">'
              '<office:body><office:spreadsheet><table:table table:name="quartiles">'
              + "".join(cells) + "</table:table></office:spreadsheet></office:body></office:document>\n")
with open(f"{work}/expected.txt", "w", encoding="utf-8") as out:
    for data, q1, median, q3 in rows:
        out.write(f"{' '.join(map(str, data))}|{q1}|{median}|{q3}\n")
PY

version=$(soffice --version 2>/dev/null | head -1)
# A throwaway profile (HOME), so the check neither needs nor touches a user's LibreOffice settings. CSV filter options:
# comma, double quote, UTF-8, from line 1, …, token 9 false = the full values, not as a cell format would show them.
HOME="$work/home" soffice --headless --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false' \
    --outdir "$work" "$work/quartiles.fods" >"$work/soffice.log" 2>&1 || { cat "$work/soffice.log" >&2; exit 2; }
[ -s "$work/quartiles.csv" ] || { echo "LibreOffice wrote no CSV:" >&2; cat "$work/soffice.log" >&2; exit 2; }

python3 - "$work" "$version" <<'PY'
import csv, sys
from decimal import Decimal

work, version = sys.argv[1], sys.argv[2]
expected = [line.rstrip("\n").split("|") for line in open(f"{work}/expected.txt", encoding="utf-8")]
computed = list(csv.reader(open(f"{work}/quartiles.csv", encoding="utf-8")))
print(f"Computed by {version} (QUARTILE.INC and MEDIAN), compared with {len(expected)} rows of the test")
print(f"{'data':<24} {'test Q1 / median / Q3':<24} {'Calc Q1 / median / Q3 (MEDIAN)':<34} result")
failed = 0
for (data, *figures), row in zip(expected, computed):
    calc = row[26:30]
    want = [Decimal(f) for f in figures]
    got = [Decimal(c) if c.strip() else None for c in calc]
    ok = got[:3] == want and got[3] == want[1]
    failed += not ok
    print(f"{data:<24} {' / '.join(figures):<24} {' / '.join(calc[:3]) + ' (' + calc[3] + ')':<34} {'equal' if ok else 'DIFFERENT'}")
if len(computed) != len(expected):
    print(f"expected {len(expected)} rows from Calc, got {len(computed)}")
    failed += 1
print("PASS: every quartile equals the spreadsheet's" if failed == 0 else f"FAIL: {failed} rows differ")
sys.exit(1 if failed else 0)
PY
