"""The status page header: "STATUS AS AT", UNTC reference, title, dates and header counts."""

from __future__ import annotations

import datetime
import re
import urllib.parse
from dataclasses import dataclass

from bs4 import BeautifulSoup
from bs4.element import Tag

from .helpers import attr, clean_text, collapse, first_by_suffix, make_date
from .names import UntcParseError

_STATUS_AS_AT = re.compile(r"STATUS\s+AS\s+AT\s*:\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", re.I)
_MTDSG = re.compile(r"mtdsg_no=([^&\"'\s#]+)", re.I)
_TITLE_NUMBER = re.compile(r"^\s*\d+\s*\.\s*(?:[a-z]\s+)?")
_SIGNATORIES = re.compile(r"Signatories\s*:\s*(\d+)?", re.I)
_PARTIES = re.compile(r"Parties\s*:\s*(\d+)?", re.I)
_LEADING_DATE = re.compile(r"^\s*(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})\b")
_TRAILING_DATE = re.compile(r"(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})\s*$")


@dataclass(frozen=True, slots=True)
class PageHeader:
    """The header fields of a status page (everything but "STATUS AS AT").

    A count the page leaves blank ("Signatories : .") is 0 with its ``*_printed`` flag False,
    so it is not checked against the participants table.
    """

    reference: str
    title: str
    place_and_date: str
    adopted_on: datetime.date | None
    entry_into_force: datetime.date | None
    signatories: int
    signatories_printed: bool
    parties: int
    parties_printed: bool


def find_as_of(soup: BeautifulSoup) -> datetime.date:
    found = soup.find(string=re.compile(r"STATUS\s+AS\s+AT", re.I))
    if found is None:
        raise UntcParseError(
            "This is not a UNTC status page: it has no 'STATUS AS AT' line "
            "(treaties.un.org status pages start with e.g. 'STATUS AS AT : 03-02-2026')."
        )
    text = collapse(str(found))
    match = _STATUS_AS_AT.search(text)
    if match is None:
        raise UntcParseError(f"Could not read the date in the status line {text!r}.")
    day, month, year = (int(group) for group in match.groups())
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise UntcParseError(
            f"The status line {text!r} does not hold a valid DD-MM-YYYY date."
        ) from None


def _find_reference(soup: BeautifulSoup, text: str) -> str:
    candidates: list[str] = []
    form = soup.find("form", action=re.compile("mtdsg_no=", re.I))
    if isinstance(form, Tag):
        candidates.append(attr(form, "action"))
    link = soup.find("a", href=re.compile("mtdsg_no=", re.I))
    if isinstance(link, Tag):
        candidates.append(attr(link, "href"))
    candidates.append(text)
    for candidate in candidates:
        match = _MTDSG.search(candidate)
        if match:
            return urllib.parse.unquote(match.group(1)).strip()
    raise UntcParseError("Could not find the treaty's UNTC reference (mtdsg_no) in the page.")


def _header_count(pattern: re.Pattern[str], status: str) -> tuple[int, bool]:
    """Return (count, printed); a blank count ("Signatories : .") is (0, False)."""
    match = pattern.search(status)
    if match is None or match.group(1) is None:
        return 0, False
    return int(match.group(1)), True


def parse_header(soup: BeautifulSoup, text: str, ids: dict[str, Tag]) -> PageHeader:
    """Read the reference, title, adoption, entry into force and counts from the header."""
    reference = _find_reference(soup, text)
    title = _TITLE_NUMBER.sub("", clean_text(first_by_suffix(ids, "rptTreaty_ctl00_tcTreaty")))
    if not title:
        raise UntcParseError("Could not find the treaty title in the page header.")
    place_and_date = clean_text(first_by_suffix(ids, "rptTreaty_ctl00_tcText"))
    adopted = _TRAILING_DATE.search(place_and_date)
    adopted_on = make_date(*adopted.groups()) if adopted else None
    eif_text = clean_text(first_by_suffix(ids, "rptEIF_ctl00_tcText"))
    eif = _LEADING_DATE.search(eif_text)
    entry_into_force = make_date(*eif.groups()) if eif else None
    status_text = clean_text(first_by_suffix(ids, "rptStatus_ctl00_tcText"))
    signatories, signatories_printed = _header_count(_SIGNATORIES, status_text)
    parties, parties_printed = _header_count(_PARTIES, status_text)
    return PageHeader(
        reference=reference,
        title=title,
        place_and_date=place_and_date,
        adopted_on=adopted_on,
        entry_into_force=entry_into_force,
        signatories=signatories,
        signatories_printed=signatories_printed,
        parties=parties,
        parties_printed=parties_printed,
    )
