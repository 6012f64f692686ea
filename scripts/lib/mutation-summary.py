#!/usr/bin/env python3
"""Reads Stryker's mutation-report.json and prints what a developer acts on: the score, the counts per file, and
every mutant that lived (survived or not covered by any test) with its line, its mutator and the changed code.

Usage: mutation-summary.py path/to/mutation-report.json
"""
import json
import os
import sys

# Stryker's own definition: detected = killed + timed out; valid = detected + survived + no coverage.
DETECTED = ("Killed", "Timeout")
UNDETECTED = ("Survived", "NoCoverage")


def main(path):
    with open(path, encoding="utf-8") as stream:
        report = json.load(stream)

    root = report.get("projectRoot") or os.path.commonpath(list(report["files"]))
    totals = {status: 0 for status in DETECTED + UNDETECTED}
    rows, lived = [], []
    for file_path, file in sorted(report["files"].items()):
        counts = {status: 0 for status in DETECTED + UNDETECTED}
        lines = file["source"].splitlines()
        for mutant in file["mutants"]:
            status = mutant["status"]
            if status not in counts:
                continue  # ignored by the mutate filter or a Stryker comment, or did not compile
            counts[status] += 1
            if status in UNDETECTED:
                lived.append((os.path.relpath(file_path, root), mutant, lines))
        valid = sum(counts.values())
        if valid == 0:
            continue
        for status, count in counts.items():
            totals[status] += count
        rows.append((os.path.relpath(file_path, root), counts, valid))

    print(f"{'file':<45} {'score':>7} {'killed':>7} {'timeout':>8} {'survived':>9} {'no cover':>9}")
    for name, counts, valid in rows:
        print(f"{name:<45} {score(counts, valid):>7} {counts['Killed']:>7} {counts['Timeout']:>8} "
              f"{counts['Survived']:>9} {counts['NoCoverage']:>9}")
    valid = sum(totals.values())
    print(f"{'all':<45} {score(totals, valid):>7} {totals['Killed']:>7} {totals['Timeout']:>8} "
          f"{totals['Survived']:>9} {totals['NoCoverage']:>9}")
    print(f"\nMutation score {score(totals, valid)} of {valid} mutants "
          f"({totals['Killed']} killed, {totals['Timeout']} timed out, {totals['Survived']} survived, "
          f"{totals['NoCoverage']} not covered)")

    if lived:
        print(f"\nMutants that lived ({len(lived)}):")
    for name, mutant, lines in lived:
        start, end = mutant["location"]["start"], mutant["location"]["end"]
        original = excerpt(lines, start, end)
        print(f"  {name}:{start['line']}  {mutant['status']:<10} {mutant['mutatorName']}: "
              f"{original}  →  {one_line(mutant.get('replacement', ''))}")


def score(counts, valid):
    if valid == 0:
        return "n/a"
    return f"{100 * (counts['Killed'] + counts['Timeout']) / valid:.2f}%"


def excerpt(lines, start, end):
    """The mutated code, on one line and shortened: what the reader looks for in the file."""
    first, last = start["line"] - 1, end["line"] - 1
    if first == last:
        text = lines[first][start["column"] - 1:end["column"] - 1]
    else:
        text = " ".join([lines[first][start["column"] - 1:]] + lines[first + 1:last] + [lines[last][:end["column"] - 1]])
    return one_line(text)


def one_line(text, limit=90):
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
