"""Parse UN Treaty Collection (treaties.un.org) treaty status pages.

A status page ("ViewDetails.aspx?src=TREATY&mtdsg_no=IV-13&chapter=4") has:

* a header: "STATUS AS AT : 03-02-2026 10:16:18 EDT", the treaty title and place/date of adoption,
  the entry into force and "Signatories : 40. Parties : 60";
* the participants table (``id`` ending in ``tblgrid``). Its header row is a legend: each date
  column lists the kinds of action it holds and the marker that flags each one, e.g.
  "Ratification, Accession(a), Succession(d)" (an unmarked date is a ratification). Dates shown
  in square brackets are no longer in force (the participant denounced the treaty; the details
  are only given in prose footnotes);
* other tables that also start with a "Participant" column, notably "Territorial Application"
  (``id`` ending in ``tblDec``), which must not be mistaken for the participants table;
* "Declarations and Reservations" (``dgDec``), one ``divParticipant`` heading and one ``divText``
  body per participant. A right-aligned paragraph carries the date of a later declaration; the
  rest were made upon ratification, accession or succession.

This module is plain Python (BeautifulSoup with the lxml parser; no Django).
"""

from __future__ import annotations

import datetime
import re
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field

from bs4 import BeautifulSoup
from bs4.element import Comment, NavigableString, Tag

from .names import UnknownParticipantError, UntcParseError, iso2_for_participant

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

SIGNATURE_KINDS: frozenset[str] = frozenset({"signature", "succession_to_signature"})
RATIFICATION_KINDS: frozenset[str] = frozenset(
    {"ratification", "accession", "succession", "acceptance", "approval", "formal_confirmation"}
)

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

_DECLARATION_TEXT_LIMIT = 2000
_ICRMW_REFERENCE = "IV-13"

_WS = re.compile(r"\s+")
_STATUS_AS_AT = re.compile(r"STATUS\s+AS\s+AT\s*:\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", re.I)
_MTDSG = re.compile(r"mtdsg_no=([^&\"'\s#]+)", re.I)
_TITLE_NUMBER = re.compile(r"^\s*\d+\s*\.\s*(?:[a-z]\s+)?")
_SIGNATORIES = re.compile(r"Signatories\s*:\s*(\d+)?", re.I)
_PARTIES = re.compile(r"Parties\s*:\s*(\d+)?", re.I)
_LONG_DATE = re.compile(r"(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})")
_LEADING_DATE = re.compile(r"^\s*(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})\b")
_TRAILING_DATE = re.compile(r"(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})\s*$")
_LEGEND_ITEM = re.compile(r"(?P<label>[^()]+?)\s*(?:\(\s*(?P<marker>[A-Za-z]{1,3})\s*\))?")
_DATE_CELL = re.compile(
    r"(?P<open>\[)?\s*(?P<day>\d{1,2})\s+(?P<month>[A-Za-z]{3,9})\.?\s+(?P<year>\d{4})"
    r"\s*(?P<marker>[A-Za-z]{1,3})?\s*(?P<close>\])?"
)
_TRAILING_FOOTNOTES = re.compile(r"(?P<name>.*?\D)[\s,]*(?P<notes>\d+(?:[\s,]+\d+)*)[\s,]*")
_DIGITS = re.compile(r"\d+")

# ICRMW declarations under articles 76 (inter-State) and 77 (individual communications).
_RECOGNISES = re.compile(r"\brecogni[sz](?:e|es|ed|ing)\b", re.I)
_NOT_YET = re.compile(
    r"\bwill\s+recogni[sz]|\blater\s+(?:time|date|stage)\b|\b(?:does|do|did)\s+not\s+recogni[sz]"
    r"|\bnot\s+to\s+recogni[sz]|\bwithdraw",
    re.I,
)
_PARAGRAPH_REF = re.compile(r"\(\s*\d+\s*\)")
_ARTICLE_LIST = re.compile(r"\barticles?\s+(\d+(?:\s*(?:,|and|or|&)\s*\d+)*)", re.I)
_INTER_STATE = re.compile(r"\banother\s+(?:State\s+)?Party\b", re.I)
_INDIVIDUAL = re.compile(
    r"\b(?:from|by)\s+(?:or\s+on\s+behalf\s+of\s+)?(?:individuals|persons)\b|\bindividual\s+rights\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class ParsedAction:
    """One dated action of a participant.

    ``kind`` is one of "signature", "succession_to_signature", "ratification", "accession",
    "succession", "acceptance", "approval", "formal_confirmation", "declaration" or
    "denunciation". For declarations ``article`` is the article number ("76" or "77") and
    ``text`` a short plain-text excerpt.
    """

    kind: str
    date: datetime.date
    article: str = ""
    text: str = ""


@dataclass(frozen=True, slots=True)
class ParsedParticipant:
    """One row of the participants table (plus declarations found for it).

    ``withdrawn`` holds the actions UNTC prints in square brackets: they are no longer in force
    (the participant later denounced the treaty; the page explains it only in prose footnotes).
    They are not counted in ``actions``, so a participant is a party/signatory only on the
    strength of its current actions, exactly as in the page header's counts.
    """

    name: str
    iso2: str
    footnotes: tuple[str, ...]
    actions: tuple[ParsedAction, ...]
    withdrawn: tuple[ParsedAction, ...] = ()

    @property
    def is_party(self) -> bool:
        return any(action.kind in RATIFICATION_KINDS for action in self.actions)

    @property
    def is_signatory(self) -> bool:
        return any(action.kind in SIGNATURE_KINDS for action in self.actions)


@dataclass(frozen=True, slots=True)
class StatusPage:
    """A parsed UNTC status page."""

    reference: str
    title: str
    place_and_date: str
    adopted_on: datetime.date | None
    entry_into_force: datetime.date | None
    as_of: datetime.date
    header_signatories: int
    header_parties: int
    participants: tuple[ParsedParticipant, ...]


@dataclass(slots=True)
class _ColumnLegend:
    header: str
    default: str | None = None
    markers: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class _Row:
    name: str
    footnotes: list[str]
    actions: list[ParsedAction]
    withdrawn: list[ParsedAction]


# --------------------------------------------------------------------------------------------
# small helpers


def _collapse(text: str) -> str:
    return _WS.sub(" ", text.replace("\xa0", " ")).strip()


def _attr(tag: Tag, name: str) -> str:
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


def _make_date(day: str, month: str, year: str) -> datetime.date | None:
    number = _month_number(month)
    if number is None:
        return None
    try:
        return datetime.date(int(year), number, int(day))
    except ValueError:
        return None


def _pop_superscripts(tag: Tag) -> list[str]:
    """Remove <sup>/<superscript> footnote markers from ``tag``; return their numbers."""
    notes: list[str] = []
    for sup in tag.find_all(["sup", "superscript"]):
        notes.extend(_DIGITS.findall(sup.get_text(" ")))
        sup.extract()
    return notes


def _clean_text(tag: Tag | None) -> str:
    """Plain text of ``tag`` with footnote superscripts removed and whitespace collapsed."""
    if tag is None:
        return ""
    _pop_superscripts(tag)
    return _collapse(tag.get_text(" "))


def _clean_name(raw: str) -> tuple[str, list[str]]:
    """Strip footnote numbers, markers and enclosing brackets from a participant name."""
    name = _collapse(raw).rstrip("*†‡ ").strip()
    notes: list[str] = []
    match = _TRAILING_FOOTNOTES.fullmatch(name)
    if match:
        name = match.group("name").strip()
        notes = _DIGITS.findall(match.group("notes"))
    if name.startswith("[") and name.endswith("]"):
        name = name[1:-1].strip()
    return name.rstrip(" ,*†‡").strip(), notes


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


# --------------------------------------------------------------------------------------------
# page header


def _index_ids(soup: BeautifulSoup) -> dict[str, Tag]:
    ids: dict[str, Tag] = {}
    for tag in soup.find_all(id=True):
        ids.setdefault(_attr(tag, "id"), tag)
    return ids


def _by_suffix(ids: dict[str, Tag], suffix: str) -> list[Tag]:
    return [tag for key, tag in ids.items() if key.endswith(suffix)]


def _first_by_suffix(ids: dict[str, Tag], suffix: str) -> Tag | None:
    found = _by_suffix(ids, suffix)
    return found[0] if found else None


def _find_as_of(soup: BeautifulSoup) -> datetime.date:
    found = soup.find(string=re.compile(r"STATUS\s+AS\s+AT", re.I))
    if found is None:
        raise UntcParseError(
            "This is not a UNTC status page: it has no 'STATUS AS AT' line "
            "(treaties.un.org status pages start with e.g. 'STATUS AS AT : 03-02-2026')."
        )
    text = _collapse(str(found))
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
        candidates.append(_attr(form, "action"))
    link = soup.find("a", href=re.compile("mtdsg_no=", re.I))
    if isinstance(link, Tag):
        candidates.append(_attr(link, "href"))
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


# --------------------------------------------------------------------------------------------
# participants table


def _find_participants_table(ids: dict[str, Tag]) -> Tag:
    tables = [tag for tag in _by_suffix(ids, "tblgrid") if tag.name == "table"]
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
    first = _clean_text(cells[0]) if cells else ""
    if not first.casefold().startswith("participant"):
        raise UntcParseError(
            f"The participants table's first column is {first!r}, expected 'Participant'."
        )
    legends = [_parse_legend(_clean_text(cell)) for cell in cells[1:]]
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
        action_date = _make_date(match.group("day"), match.group("month"), match.group("year"))
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


def _parse_table(table: Tag) -> list[_Row]:
    rows = _rows(table)
    if not rows:
        raise UntcParseError("The participants table is empty (the page may be truncated).")
    legends = _parse_header_row(rows[0])
    width = 1 + len(legends)
    parsed: list[_Row] = []
    for row in rows[1:]:
        cells = _cells(row)
        texts_blank = all(not _collapse(cell.get_text(" ")) for cell in cells)
        if texts_blank:
            continue
        footnotes = _pop_superscripts(cells[0]) if cells else []
        name, trailing = _clean_name(cells[0].get_text(" ") if cells else "")
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
            footnotes.extend(_pop_superscripts(cell))
            result = _parse_date_cell(name, legend, _collapse(cell.get_text(" ")))
            if result is None:
                continue
            action, is_withdrawn = result
            (withdrawn if is_withdrawn else actions).append(action)
        parsed.append(_Row(name=name, footnotes=footnotes, actions=actions, withdrawn=withdrawn))
    return parsed


# --------------------------------------------------------------------------------------------
# ICRMW declarations under articles 76 and 77


@dataclass(slots=True)
class _DeclarationBlock:
    heading: str
    date_text: str
    body: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return _collapse(f"{self.heading} {' '.join(self.body)}")


def _is_heading(tag: Tag) -> bool:
    """An <i> that is the whole content of its paragraph (UNTC's section headings)."""
    parent = tag.parent
    if not isinstance(parent, Tag) or parent.name != "p":
        return False
    for child in parent.children:
        if child is tag or isinstance(child, Comment):
            continue
        if isinstance(child, NavigableString) and not child.strip():
            continue
        if isinstance(child, Tag) and child.name == "br":
            continue
        return False
    return True


def _walk(node: Tag) -> Iterator[tuple[str, str]]:
    """Yield ("date" | "heading" | "text", value) events in document order."""
    for child in node.children:
        if isinstance(child, Comment):
            continue
        if isinstance(child, NavigableString):
            yield "text", str(child)
            continue
        if not isinstance(child, Tag):
            continue
        if child.name in ("sup", "superscript", "script", "style"):
            continue
        if child.name == "p" and "invisible" in _attr(child, "class").split():
            continue
        if child.name == "p" and _attr(child, "align").casefold() == "right":
            yield "date", _collapse(child.get_text(" "))
            continue
        if child.name == "i" and _is_heading(child):
            yield "heading", _collapse(child.get_text(" "))
            continue
        if child.name == "br":
            yield "text", " "
            continue
        yield from _walk(child)


def _declaration_blocks(text_div: Tag) -> list[_DeclarationBlock]:
    blocks: list[_DeclarationBlock] = []
    current_date = ""
    block = _DeclarationBlock(heading="", date_text="")
    for event, value in _walk(text_div):
        if event == "date":
            current_date = value
        elif event == "heading":
            blocks.append(block)
            block = _DeclarationBlock(heading=value, date_text=current_date)
        else:
            block.body.append(value)
    blocks.append(block)
    return [b for b in blocks if b.text]


def _articles_recognised(text: str) -> list[str]:
    """Articles (76/77) under which ``text`` recognises the Committee's competence."""
    if not (_RECOGNISES.search(text) and re.search(r"\bcompetence\b", text, re.I)):
        return []
    if _NOT_YET.search(text):
        return []
    plain = _PARAGRAPH_REF.sub(" ", text)
    explicit: set[str] = set()
    for match in _ARTICLE_LIST.finditer(plain):
        explicit.update(n for n in _DIGITS.findall(match.group(1)) if n in {"76", "77"})
    if explicit:
        return sorted(explicit)
    implied: list[str] = []
    if _INTER_STATE.search(plain):
        implied.append("76")
    if _INDIVIDUAL.search(plain):
        implied.append("77")
    return implied


def _icrmw_declarations(ids: dict[str, Tag], rows: list[_Row], iso_by_row: list[str]) -> None:
    """Add art. 76/77 ``declaration`` actions to ``rows`` (in place)."""
    row_by_iso = dict(zip(iso_by_row, rows, strict=True))
    seen: set[tuple[str, str]] = set()
    for suffix in ("dgDec", "dgDecUnderArticle"):
        for table in _by_suffix(ids, suffix):
            for heading in table.find_all(id=re.compile(r"divParticipant$")):
                heading_id = _attr(heading, "id")
                text_div = ids.get(heading_id[: -len("divParticipant")] + "divText")
                if text_div is None:
                    continue
                name, _ = _clean_name(_clean_text(heading))
                for block in _declaration_blocks(text_div):
                    articles = _articles_recognised(block.text)
                    if not articles:
                        continue
                    _add_declaration(name, block, articles, row_by_iso, seen)


def _add_declaration(
    name: str,
    block: _DeclarationBlock,
    articles: list[str],
    row_by_iso: dict[str, _Row],
    seen: set[tuple[str, str]],
) -> None:
    iso2 = iso2_for_participant(name)
    row = row_by_iso.get(iso2)
    if row is None:
        raise UntcParseError(
            f"{name!r} has a declaration under article(s) {', '.join(articles)} but is not in "
            "the participants table."
        )
    if block.date_text:
        match = _LONG_DATE.search(block.date_text)
        made_on = _make_date(*match.groups()) if match else None
        if made_on is None:
            raise UntcParseError(f"Unparseable declaration date for {name!r}: {block.date_text!r}.")
    else:
        ratifications = [a.date for a in row.actions if a.kind in RATIFICATION_KINDS]
        if not ratifications:
            raise UntcParseError(
                f"{name!r} has an undated declaration under article(s) {', '.join(articles)} "
                "but no ratification, accession or succession to date it from."
            )
        made_on = min(ratifications)
    excerpt = block.text[:_DECLARATION_TEXT_LIMIT]
    for article in articles:
        if (iso2, article) in seen:
            continue
        seen.add((iso2, article))
        row.actions.append(
            ParsedAction(kind="declaration", date=made_on, article=article, text=excerpt)
        )


# --------------------------------------------------------------------------------------------
# entry point


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
    ids = _index_ids(soup)

    as_of = _find_as_of(soup)
    table = _find_participants_table(ids)
    reference = _find_reference(soup, text)
    title = _TITLE_NUMBER.sub("", _clean_text(_first_by_suffix(ids, "rptTreaty_ctl00_tcTreaty")))
    if not title:
        raise UntcParseError("Could not find the treaty title in the page header.")
    place_and_date = _clean_text(_first_by_suffix(ids, "rptTreaty_ctl00_tcText"))
    adopted = _TRAILING_DATE.search(place_and_date)
    adopted_on = _make_date(*adopted.groups()) if adopted else None
    eif_text = _clean_text(_first_by_suffix(ids, "rptEIF_ctl00_tcText"))
    eif = _LEADING_DATE.search(eif_text)
    entry_into_force = _make_date(*eif.groups()) if eif else None
    status_text = _clean_text(_first_by_suffix(ids, "rptStatus_ctl00_tcText"))
    header_signatories, signatories_printed = _header_count(_SIGNATORIES, status_text)
    header_parties, parties_printed = _header_count(_PARTIES, status_text)

    rows = _parse_table(table)
    if not rows:
        raise UntcParseError("The participants table has no participants.")

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

    if reference == _ICRMW_REFERENCE:
        _icrmw_declarations(ids, rows, iso_by_row)

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

    signatories = sum(1 for p in participants if p.is_signatory)
    parties = sum(1 for p in participants if p.is_party)
    problems = []
    if signatories_printed and signatories != header_signatories:
        problems.append(f"{header_signatories} signatories but the table lists {signatories}")
    if parties_printed and parties != header_parties:
        problems.append(f"{header_parties} parties but the table lists {parties}")
    if problems:
        raise UntcParseError(
            "The participants table does not match the page header (the page may be truncated "
            f"or corrupted): the header says {' and '.join(problems)}."
        )

    return StatusPage(
        reference=reference,
        title=title,
        place_and_date=place_and_date,
        adopted_on=adopted_on,
        entry_into_force=entry_into_force,
        as_of=as_of,
        header_signatories=header_signatories,
        header_parties=header_parties,
        participants=participants,
    )
