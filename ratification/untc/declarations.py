"""ICRMW declarations under articles 76 (inter-State) and 77 (individual communications).

"Declarations and Reservations" (``dgDec``) has one ``divParticipant`` heading and one
``divText`` body per participant. A right-aligned paragraph carries the date of a later
declaration; the rest were made upon ratification, accession or succession.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from bs4.element import Comment, NavigableString, Tag

from .helpers import DIGITS, attr, by_suffix, clean_name, clean_text, collapse, make_date
from .names import UntcParseError, iso2_for_participant
from .records import RATIFICATION_KINDS, ParsedAction
from .table import Row

ICRMW_REFERENCE = "IV-13"
_DECLARATION_TEXT_LIMIT = 2000

_LONG_DATE = re.compile(r"(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})")
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


@dataclass(slots=True)
class _DeclarationBlock:
    heading: str
    date_text: str
    body: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return collapse(f"{self.heading} {' '.join(self.body)}")


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
        if child.name == "p" and "invisible" in attr(child, "class").split():
            continue
        if child.name == "p" and attr(child, "align").casefold() == "right":
            yield "date", collapse(child.get_text(" "))
            continue
        if child.name == "i" and _is_heading(child):
            yield "heading", collapse(child.get_text(" "))
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
        explicit.update(n for n in DIGITS.findall(match.group(1)) if n in {"76", "77"})
    if explicit:
        return sorted(explicit)
    implied: list[str] = []
    if _INTER_STATE.search(plain):
        implied.append("76")
    if _INDIVIDUAL.search(plain):
        implied.append("77")
    return implied


def icrmw_declarations(ids: dict[str, Tag], rows: list[Row], iso_by_row: list[str]) -> None:
    """Add art. 76/77 ``declaration`` actions to ``rows`` (in place)."""
    row_by_iso = dict(zip(iso_by_row, rows, strict=True))
    seen: set[tuple[str, str]] = set()
    for suffix in ("dgDec", "dgDecUnderArticle"):
        for table in by_suffix(ids, suffix):
            for heading in table.find_all(id=re.compile(r"divParticipant$")):
                heading_id = attr(heading, "id")
                text_div = ids.get(heading_id[: -len("divParticipant")] + "divText")
                if text_div is None:
                    continue
                name, _ = clean_name(clean_text(heading))
                for block in _declaration_blocks(text_div):
                    articles = _articles_recognised(block.text)
                    if not articles:
                        continue
                    _add_declaration(name, block, articles, row_by_iso, seen)


def _add_declaration(
    name: str,
    block: _DeclarationBlock,
    articles: list[str],
    row_by_iso: dict[str, Row],
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
        made_on = make_date(*match.groups()) if match else None
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
