"""UNTC parser benchmark: `python -m bench.untc_parse` (also run by `make bench`).

Times `parse_status_page` on the largest shipped status page (the ICCPR, 170-odd participants)
against a floor measured in the same run: lxml building the same document through BeautifulSoup,
which the parser must do anyway. The ratio is what finding the tables, the dates and the
footnotes costs on top of reading the HTML. No database, no Django settings.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "ratification" / "data" / "untc" / "iccpr.html"
RUNS = 7


def _median(fn: Callable[[], object]) -> float:
    fn()  # warm: imports, lxml's first document
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from bs4 import BeautifulSoup

    from ratification.untc.parser import parse_status_page

    raw = PAGE.read_text(encoding="utf-8")
    floor = _median(lambda: BeautifulSoup(raw, "lxml"))
    parse = _median(lambda: parse_status_page(raw))
    participants = len(parse_status_page(raw).participants)
    print(
        f"\nUNTC parser, {PAGE.name} ({len(raw) // 1024} KB, {participants} participants), "
        f"median of {RUNS}:\n"
        f"  floor (BeautifulSoup + lxml)  {floor * 1000:8.1f} ms\n"
        f"  parse_status_page             {parse * 1000:8.1f} ms   {parse / floor:5.1f}x the floor"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
