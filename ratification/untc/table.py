"""The participants table (``id`` ending in ``tblgrid``): column legend, markers, date cells.

Its header row is a legend: each date column lists the kinds of action it holds and the marker
that flags each one, e.g. "Ratification, Accession(a), Succession(d)" (an unmarked date is a
ratification). Dates shown in square brackets are no longer in force (the participant denounced
the treaty; the details are only given in prose footnotes).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from bs4.element import Tag

from .helpers import by_suffix, clean_name, clean_text, collapse, make_date, pop_superscripts
from .names import UntcParseError
from .records import ParsedAction

# Labels used in the column headers of the participants table -> action kind.
_LABEL_KINDS: dict[str, str] = {
    "signature": "signature",
    "succession to signature": "succession_to_signature",
    "ratification": "ratification",
    "accession": "accession",
    "succession": "succession",
    "acceptance": "acceptance",
    "approval": "approval",
    "formal confirmation": "formal_confirmation",
}

_LEGEND_ITEM = re.compile(r"(?P<label>[^()]+?)\s*(?:\(\s*(?P<marker>[A-Za-z]{1,3})\s*\))?")
_DATE_CELL = re.compile(
    r"(?P<open>\[)?\s*(?P<day>\d{1,2})\s+(?P<month>[A-Za-z]{3,9})\.?\s+(?P<year>\d{4})"
    r"\s*(?P<marker>[A-Za-z]{1,3})?\s*(?P<close>\])?"
)


@dataclass(slots=True)
class _ColumnLegend:
    header: str
    default: str | None = None
    markers: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class Row:
    """One participants table row, still mutable (declarations are added to ``actions``)."""

    name: str
    footnotes: list[str]
    actions: list[ParsedAction]
    withdrawn: list[ParsedAction]


def find_participants_table(ids: dict[str, Tag]) -> Tag:
    tables = [tag for tag in by_suffix(ids, "tblgrid") if tag.name == "table"]
    if not tables:
        raise UntcParseError(
            "This is not a UNTC status page: it has no participants table "
            "(a <table> whose id ends in 'tblgrid')."
        )
    if len(tables) > 1:
        raise UntcParseError(
            f"The page has {len(tables)} participants tables (id ending in 'tblgrid'); "
            "expected exactly one."
        )
    return tables[0]


def _rows(table: Tag) -> list[Tag]:
    return [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]


def _cells(row: Tag) -> list[Tag]:
    return row.find_all(["td", "th"], recursive=False)


def _parse_legend(header: str) -> _ColumnLegend:
    legend = _ColumnLegend(header=header)
    for item in header.split(","):
        item = item.strip()
        if not item:
            continue
        match = _LEGEND_ITEM.fullmatch(item)
        if match is None:
            raise UntcParseError(f"Unrecognised column header item {item!r} in {header!r}.")
        label = match.group("label").strip().casefold()
        kind = _LABEL_KINDS.get(label)
        if kind is None:
            raise UntcParseError(
                f"Unrecognised kind of action {match.group('label')!r} in the participants "
                f"table column header {header!r}."
            )
        marker = match.group("marker")
        if marker is None:
            if legend.default is not None:
                raise UntcParseError(
                    f"The column header {header!r} has more than one unmarked kind of action."
                )
            legend.default = kind
        else:
            legend.markers[marker] = kind
    if legend.default is None and not legend.markers:
        raise UntcParseError(f"Empty participants table column header {header!r}.")
    return legend


def _parse_header_row(row: Tag) -> list[_ColumnLegend]:
    cells = _cells(row)
    first = clean_text(cells[0]) if cells else ""
    if not first.casefold().startswith("participant"):
        raise UntcParseError(
            f"The participants table's first column is {first!r}, expected 'Participant'."
        )
    legends = [_parse_legend(clean_text(cell)) for cell in cells[1:]]
    if not legends:
        raise UntcParseError("The participants table has no date columns.")
    return legends


def _parse_date_cell(
    participant: str, legend: _ColumnLegend, text: str
) -> tuple[ParsedAction, bool] | None:
    """Parse one date cell; return (action, withdrawn) or None for an empty cell."""
    if not text.strip(" []"):
        return None
    match = _DATE_CELL.fullmatch(text)
    problem = ""
    action_date: datetime.date | None = None
    if match is None:
        problem = "it is not a date like '5 Jun 2007 a'"
    else:
        action_date = make_date(match.group("day"), match.group("month"), match.group("year"))
        if action_date is None:
            problem = "it is not a valid date"
        elif bool(match.group("open")) != bool(match.group("close")):
            problem = "its square brackets are unbalanced"
    if match is None or action_date is None or problem:
        raise UntcParseError(
            f"Unparseable date for {participant!r} in column {legend.header!r}: {text!r} "
            f"({problem})."
        )
    marker = match.group("marker")
    if marker:
        kind = legend.markers.get(marker)
        if kind is None:
            raise UntcParseError(
                f"Unknown marker {marker!r} in the date {text!r} for {participant!r}: column "
                f"{legend.header!r} only defines {sorted(legend.markers) or 'no markers'}."
            )
    else:
        if legend.default is None:
            raise UntcParseError(
                f"The date {text!r} for {participant!r} has no marker, but column "
                f"{legend.header!r} has no unmarked kind of action."
            )
        kind = legend.default
    return ParsedAction(kind=kind, date=action_date), bool(match.group("open"))


def parse_table(table: Tag) -> list[Row]:
    rows = _rows(table)
    if not rows:
        raise UntcParseError("The participants table is empty (the page may be truncated).")
    legends = _parse_header_row(rows[0])
    width = 1 + len(legends)
    parsed: list[Row] = []
    for row in rows[1:]:
        cells = _cells(row)
        texts_blank = all(not collapse(cell.get_text(" ")) for cell in cells)
        if texts_blank:
            continue
        footnotes = pop_superscripts(cells[0]) if cells else []
        name, trailing = clean_name(cells[0].get_text(" ") if cells else "")
        footnotes.extend(trailing)
        if len(cells) != width:
            raise UntcParseError(
                f"The participants table row for {name or '(no name)'!r} has {len(cells)} "
                f"cells, expected {width} (the page may be truncated or corrupted)."
            )
        if not name:
            raise UntcParseError("A participants table row has dates but no participant name.")
        actions: list[ParsedAction] = []
        withdrawn: list[ParsedAction] = []
        for cell, legend in zip(cells[1:], legends, strict=True):
            footnotes.extend(pop_superscripts(cell))
            result = _parse_date_cell(name, legend, collapse(cell.get_text(" ")))
            if result is None:
                continue
            action, is_withdrawn = result
            (withdrawn if is_withdrawn else actions).append(action)
        parsed.append(Row(name=name, footnotes=footnotes, actions=actions, withdrawn=withdrawn))
    return parsed
