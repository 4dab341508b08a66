"""One format for every measured row of `make bench`: measured, its floor from the same run, the
ratio and the target, with "met" or "MISSED".

This machine is shared and noisy, so a time means little on its own; a ratio against a floor
measured moments before, in the same process, is what the targets are written against (issue 14).
Each benchmark module calls `ratio_row` (target on measured / floor) or `limit_row` (target on the
measured value itself, e.g. kilobytes on the wire); `summary()` prints every row recorded so far
as one table at the end of `make bench`. Rows are also printed as they are recorded, so a partial
run still shows what it measured.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Row:
    what: str
    measured: float
    floor: float | None
    floor_label: str
    unit: str
    target: str
    met: bool

    @property
    def ratio(self) -> float | None:
        if self.floor is None or self.floor == 0:
            return None
        return self.measured / self.floor

    def line(self) -> str:
        floor = "—" if self.floor is None else _fmt(self.floor, self.unit)
        ratio = "—" if self.ratio is None else f"{self.ratio:.2f}x"
        label = f" ({self.floor_label})" if self.floor_label else ""
        return (
            f"{self.what:<48} {_fmt(self.measured, self.unit):>11} {floor:>11} {ratio:>8}  "
            f"{self.target:<10} {'met' if self.met else 'MISSED'}{label}"
        )


ROWS: list[Row] = []
HEADER = f"{'what':<48} {'measured':>11} {'floor':>11} {'ratio':>8}  {'target':<10} result (floor)"


def _fmt(value: float, unit: str) -> str:
    if unit == "ms":
        return f"{value * 1000:.1f} ms"  # values are recorded in seconds
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "KB":
        return f"{value / 1024:,.0f} KB"  # values are recorded in bytes
    return f"{value:,.1f} {unit}".rstrip()


def _record(row: Row) -> Row:
    ROWS.append(row)
    print(row.line(), flush=True)
    return row


def ratio_row(
    what: str,
    measured: float,
    floor: float,
    *,
    at_most: float | None = None,
    at_least: float | None = None,
    unit: str = "ms",
    floor_label: str = "",
) -> Row:
    """A row whose target is on measured / floor (≤ `at_most` or ≥ `at_least`).

    Times are given in seconds (shown as `unit`), sizes in bytes, rates in their own unit.
    """
    ratio = measured / floor if floor else float("inf")
    if at_most is not None:
        target, met = f"≤ {at_most:g}x", ratio <= at_most
    elif at_least is not None:
        target, met = f"≥ {at_least:g}x", ratio >= at_least
    else:
        raise ValueError("ratio_row needs at_most or at_least")
    return _record(Row(what, measured, floor, floor_label, unit, target, met))


def limit_row(
    what: str,
    measured: float,
    *,
    at_most: float,
    unit: str = "ms",
    floor: float | None = None,
    floor_label: str = "",
) -> Row:
    """A row whose target is on the measured value itself (e.g. ≤ 0.3 s, ≤ 150 KB); the floor,
    if given, is shown for scale."""
    target = f"≤ {_fmt(at_most, unit)}"
    return _record(Row(what, measured, floor, floor_label, unit, target, measured <= at_most))


def header(title: str) -> None:
    print(f"\n{title}\n{HEADER}\n{'-' * len(HEADER)}", flush=True)


def summary() -> int:
    """Print every recorded row again as one table; return how many missed their target."""
    header("Summary: every row with its floor from the same run")
    for row in ROWS:
        print(row.line())
    missed = sum(1 for row in ROWS if not row.met)
    print(f"\n{len(ROWS) - missed} of {len(ROWS)} rows met their target.", flush=True)
    return missed
