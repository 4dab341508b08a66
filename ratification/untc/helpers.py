"""Text, date and element helpers shared by the UNTC status page section parsers."""

from __future__ import annotations

import datetime
import re

from bs4 import BeautifulSoup
from bs4.element import Tag

_MONTHS: dict[str, int] = {
    name: number
    for number, name in enumerate(
        (
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ),
        start=1,
    )
}

_WS = re.compile(r"\s+")
_TRAILING_FOOTNOTES = re.compile(r"(?P<name>.*?\D)[\s,]*(?P<notes>\d+(?:[\s,]+\d+)*)[\s,]*")
DIGITS = re.compile(r"\d+")


def collapse(text: str) -> str:
    return _WS.sub(" ", text.replace("\xa0", " ")).strip()


def attr(tag: Tag, name: str) -> str:
    value = tag.get(name)
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return " ".join(value)


def _month_number(word: str) -> int | None:
    word = word.casefold().rstrip(".")
    if len(word) < 3:
        return None
    for name, number in _MONTHS.items():
        if name.startswith(word) or (word == "sept" and number == 9):
            return number
    return None


def make_date(day: str, month: str, year: str) -> datetime.date | None:
    number = _month_number(month)
    if number is None:
        return None
    try:
        return datetime.date(int(year), number, int(day))
    except ValueError:
        return None


def pop_superscripts(tag: Tag) -> list[str]:
    """Remove <sup>/<superscript> footnote markers from ``tag``; return their numbers."""
    notes: list[str] = []
    for sup in tag.find_all(["sup", "superscript"]):
        notes.extend(DIGITS.findall(sup.get_text(" ")))
        sup.extract()
    return notes


def clean_text(tag: Tag | None) -> str:
    """Plain text of ``tag`` with footnote superscripts removed and whitespace collapsed."""
    if tag is None:
        return ""
    pop_superscripts(tag)
    return collapse(tag.get_text(" "))


def clean_name(raw: str) -> tuple[str, list[str]]:
    """Strip footnote numbers, markers and enclosing brackets from a participant name."""
    name = collapse(raw).rstrip("*†‡ ").strip()
    notes: list[str] = []
    match = _TRAILING_FOOTNOTES.fullmatch(name)
    if match:
        name = match.group("name").strip()
        notes = DIGITS.findall(match.group("notes"))
    if name.startswith("[") and name.endswith("]"):
        name = name[1:-1].strip()
    return name.rstrip(" ,*†‡").strip(), notes


def index_ids(soup: BeautifulSoup) -> dict[str, Tag]:
    ids: dict[str, Tag] = {}
    for tag in soup.find_all(id=True):
        ids.setdefault(attr(tag, "id"), tag)
    return ids


def by_suffix(ids: dict[str, Tag], suffix: str) -> list[Tag]:
    return [tag for key, tag in ids.items() if key.endswith(suffix)]


def first_by_suffix(ids: dict[str, Tag], suffix: str) -> Tag | None:
    found = by_suffix(ids, suffix)
    return found[0] if found else None
