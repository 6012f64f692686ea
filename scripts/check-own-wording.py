#!/usr/bin/env python3
"""Checks that the catalogue's texts are our own words: no run of N consecutive words (default 8) is shared
with the extracted text of the standard. The standard's text is not in this repository (it is copyrighted);
pass its path. Exit code 1 lists every text that shares a run.

    python3 scripts/check-own-wording.py ../shared/seeds/001_22e128c9b09dc24d.txt [--words 8]
"""
import json
import re
import sys
from pathlib import Path

CATALOGUE = Path(__file__).resolve().parent.parent / "src/CityMaturity.Domain/Catalogue/catalogue.en.json"


def words(text):
    return re.findall(r"[a-z0-9']+", re.sub(r"<[^>]+>", " ", text.lower()))


def runs(text, n):
    w = words(text)
    return {" ".join(w[i:i + n]) for i in range(len(w) - n + 1)}


def texts(node, where="catalogue"):
    """Every string we wrote: titles and codes excluded (they are facts)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key not in ("code", "title", "name", "key", "language", "class", "number"):
                yield from texts(value, f"{where}.{key}" if not isinstance(node.get("code"), str) else f"{node['code']}.{key}")
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from texts(item, f"{where}[{i}]")
    elif isinstance(node, str) and not re.fullmatch(r"\d(\.\d)*", node):  # codes are facts
        yield where, node


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    n = int(sys.argv[sys.argv.index("--words") + 1]) if "--words" in sys.argv else 8
    source = runs(Path(sys.argv[1]).read_text(encoding="utf-8"), n)
    catalogue = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    checked, shared = 0, []
    for where, text in texts(catalogue):
        checked += 1
        common = runs(text, n) & source
        if common:
            shared.append((where, sorted(common)[0]))
    for where, run in shared:
        print(f"{where}: shares “{run}”")
    print(f"{checked} texts checked, {len(shared)} share a run of {n} words with the source")
    sys.exit(1 if shared else 0)


if __name__ == "__main__":
    main()
