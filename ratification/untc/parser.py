"""Parse UN Treaty Collection (treaties.un.org) treaty status pages.

A status page ("ViewDetails.aspx?src=TREATY&mtdsg_no=IV-13&chapter=4") has:

* a header: "STATUS AS AT : 03-02-2026 10:16:18 EDT", the treaty title and place/date of adoption,
  the entry into force and "Signatories : 40. Parties : 60" (see :mod:`.header`);
* the participants table (``id`` ending in ``tblgrid``). Its header row is a legend: each date
  column lists the kinds of action it holds and the marker that flags each one, e.g.
  "Ratification, Accession(a), Succession(d)" (an unmarked date is a ratification). Dates shown
  in square brackets are no longer in force (the participant denounced the treaty; the details
  are only given in prose footnotes) (see :mod:`.table`);
* other tables that also start with a "Participant" column, notably "Territorial Application"
  (``id`` ending in ``tblDec``), which must not be mistaken for the participants table;
* "Declarations and Reservations" (``dgDec``), one ``divParticipant`` heading and one ``divText``
  body per participant. A right-aligned paragraph carries the date of a later declaration; the
  rest were made upon ratification, accession or succession (see :mod:`.declarations`).

This module is the entry point: it checks the input, runs the section parsers, maps participants
to ISO codes and checks the table against the header. The result types live in :mod:`.records`
and are re-exported here. Plain Python (BeautifulSoup with the lxml parser; no Django).
"""

from __future__ import annotations

from bs4 import BeautifulSoup

from .declarations import ICRMW_REFERENCE, icrmw_declarations
from .header import PageHeader, find_as_of, parse_header
from .helpers import index_ids
from .names import UnknownParticipantError, UntcParseError, iso2_for_participant
from .records import (
    RATIFICATION_KINDS,
    SIGNATURE_KINDS,
    ParsedAction,
    ParsedParticipant,
    StatusPage,
)
from .table import Row, find_participants_table, parse_table

__all__ = [
    "RATIFICATION_KINDS",
    "SIGNATURE_KINDS",
    "ParsedAction",
    "ParsedParticipant",
    "StatusPage",
    "UnknownParticipantError",
    "UntcParseError",
    "parse_status_page",
]


def _dedupe(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _decode(data: str | bytes) -> str:
    if isinstance(data, str):
        return data
    if not isinstance(data, bytes | bytearray):
        raise TypeError(f"parse_status_page() expects str or bytes, not {type(data).__name__}")
    try:
        return bytes(data).decode("utf-8-sig")
    except UnicodeDecodeError:
        return bytes(data).decode("cp1252", errors="replace")


def _check_complete(text: str) -> None:
    if not text.strip():
        raise UntcParseError("The input is empty: expected the HTML of a UNTC status page.")
    markers = ("STATUS AS AT", "tblgrid", "mtdsg_no", "Treaty Collection")
    if not any(marker in text for marker in markers):
        raise UntcParseError(
            "This is not a UNTC status page: it has no 'STATUS AS AT' line, no participants "
            "table and no treaties.un.org references."
        )
    if "</html>" not in text[-4096:].casefold():
        raise UntcParseError(
            "The page is truncated: the HTML stops before the closing </html> tag."
        )
    start = text.find("tblgrid")
    if start >= 0 and text.find("</table>", start) < 0:
        raise UntcParseError("The page is truncated: the participants table is never closed.")


def _iso_codes(rows: list[Row]) -> list[str]:
    """ISO code of each row; every unknown name is reported at once, and codes must be unique."""
    iso_by_row: list[str] = []
    unknown: list[str] = []
    for row in rows:
        try:
            iso_by_row.append(iso2_for_participant(row.name))
        except UnknownParticipantError:
            unknown.append(row.name)
            iso_by_row.append("")
    if unknown:
        raise UnknownParticipantError(list(dict.fromkeys(unknown)))
    duplicates = sorted({code for code in iso_by_row if iso_by_row.count(code) > 1})
    if duplicates:
        names = [row.name for row, code in zip(rows, iso_by_row, strict=True) if code in duplicates]
        raise UntcParseError(
            f"Several participants map to the same ISO code(s) {', '.join(duplicates)}: "
            f"{', '.join(repr(n) for n in names)}."
        )
    return iso_by_row


def _check_counts(header: PageHeader, participants: tuple[ParsedParticipant, ...]) -> None:
    signatories = sum(1 for p in participants if p.is_signatory)
    parties = sum(1 for p in participants if p.is_party)
    problems = []
    if header.signatories_printed and signatories != header.signatories:
        problems.append(f"{header.signatories} signatories but the table lists {signatories}")
    if header.parties_printed and parties != header.parties:
        problems.append(f"{header.parties} parties but the table lists {parties}")
    if problems:
        raise UntcParseError(
            "The participants table does not match the page header (the page may be truncated "
            f"or corrupted): the header says {' and '.join(problems)}."
        )


def parse_status_page(html: str | bytes) -> StatusPage:
    """Parse the HTML of a UNTC treaty status page.

    Raises :class:`UntcParseError` (with a plain-English message) for empty input, pages that
    are not UNTC status pages, truncated pages, unparseable dates, and tables whose counts do
    not match the header; :class:`UnknownParticipantError` lists every participant name that
    has no ISO code.
    """
    text = _decode(html)
    _check_complete(text)
    soup = BeautifulSoup(text, "lxml")
    ids = index_ids(soup)

    as_of = find_as_of(soup)
    table = find_participants_table(ids)
    header = parse_header(soup, text, ids)

    rows = parse_table(table)
    if not rows:
        raise UntcParseError("The participants table has no participants.")
    iso_by_row = _iso_codes(rows)

    if header.reference == ICRMW_REFERENCE:
        icrmw_declarations(ids, rows, iso_by_row)

    participants = tuple(
        ParsedParticipant(
            name=row.name,
            iso2=code,
            footnotes=_dedupe(row.footnotes),
            actions=tuple(row.actions),
            withdrawn=tuple(row.withdrawn),
        )
        for row, code in zip(rows, iso_by_row, strict=True)
    )
    _check_counts(header, participants)

    return StatusPage(
        reference=header.reference,
        title=header.title,
        place_and_date=header.place_and_date,
        adopted_on=header.adopted_on,
        entry_into_force=header.entry_into_force,
        as_of=as_of,
        header_signatories=header.signatories,
        header_parties=header.parties,
        participants=participants,
    )
