"""Tests for the pure-Python UNTC status page parser (ratification.untc).

No database and no Django needed: run with ``pytest tests/ratification/test_untc_parser.py
-p no:django`` or under pytest-django.
"""

from __future__ import annotations

import csv
import datetime
import pickle
import re
from functools import cache
from pathlib import Path

import pytest

from ratification.untc import (
    RATIFICATION_KINDS,
    SIGNATURE_KINDS,
    ParsedParticipant,
    StatusPage,
    UnknownParticipantError,
    UntcParseError,
    iso2_for_participant,
    parse_status_page,
)

ROOT = Path(__file__).resolve().parents[2]
UNTC_DIR = ROOT / "ratification" / "data" / "untc"
ICRMW_CSV = ROOT / "tests" / "fixtures" / "icrmw_status.csv"

# file -> UNTC reference, from ratification/data/PROVENANCE.md
PAGES: dict[str, str] = {
    "cerd.html": "IV-2",
    "icescr.html": "IV-3",
    "icescr_op.html": "IV-3-a",
    "iccpr.html": "IV-4",
    "iccpr_op1.html": "IV-5",
    "cedaw.html": "IV-8",
    "cedaw_op.html": "IV-8-b",
    "cat.html": "IV-9",
    "cat_op.html": "IV-9-b",
    "crc.html": "IV-11",
    "crc_op_ac.html": "IV-11-b",
    "crc_op_sc.html": "IV-11-c",
    "crc_op_ic.html": "IV-11-d",
    "iccpr_op2.html": "IV-12",
    "cmw.html": "IV-13",
    "crpd.html": "IV-15",
    "crpd_op.html": "IV-15-a",
    "ced.html": "IV-16",
}

D = datetime.date

# The ICRMW art. 76 / art. 77 declarations (iso2 -> {article: date}).
ICRMW_DECLARATIONS: dict[str, dict[str, datetime.date]] = {
    "EC": {"76": D(2018, 1, 12), "77": D(2018, 1, 12)},
    "SV": {"76": D(2015, 1, 23), "77": D(2015, 1, 23)},
    "GT": {"76": D(2007, 9, 11), "77": D(2007, 9, 11)},
    "GW": {"76": D(2018, 10, 22)},
    "MX": {"77": D(2008, 9, 15)},
    "UY": {"77": D(2012, 4, 13)},
}


@pytest.fixture(autouse=True)
def _isolated_cache() -> None:
    """Shadow tests/conftest.py's cache-clearing fixture.

    These tests touch neither Django nor its cache; without this override they could not run
    with ``-p no:django`` (clearing the cache needs configured settings).
    """
    return


@cache
def _raw(filename: str) -> str:
    return (UNTC_DIR / filename).read_text(encoding="utf-8")


@cache
def _parsed(filename: str) -> StatusPage:
    return parse_status_page(_raw(filename))


def _by_iso(page: StatusPage) -> dict[str, ParsedParticipant]:
    return {p.iso2: p for p in page.participants}


def _first(participant: ParsedParticipant, kinds: frozenset[str]) -> tuple[str, datetime.date]:
    found = [(a.kind, a.date) for a in participant.actions if a.kind in kinds]
    assert len(found) == 1, (participant.name, found)
    return found[0]


def _fixture_rows() -> list[dict[str, str]]:
    with ICRMW_CSV.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# ------------------------------------------------------------------------------------------
# ICRMW (cmw.html) against the cross-checked fixture


def test_cmw_header() -> None:
    page = _parsed("cmw.html")
    assert page.reference == "IV-13"
    assert page.title == (
        "International Convention on the Protection of the Rights of All Migrant Workers "
        "and Members of their Families"
    )
    assert page.place_and_date == "New York, 18 December 1990"
    assert page.adopted_on == D(1990, 12, 18)
    assert page.entry_into_force == D(2003, 7, 1)
    assert page.as_of == D(2026, 2, 3)
    assert (page.header_signatories, page.header_parties) == (40, 60)


def test_cmw_totals() -> None:
    page = _parsed("cmw.html")
    rows = _fixture_rows()
    assert len(rows) == 71
    assert len(page.participants) == 71
    assert {p.iso2 for p in page.participants} == {row["iso_alpha2"] for row in rows}
    assert sum(p.is_party for p in page.participants) == 60
    assert sum(p.is_signatory for p in page.participants) == 40
    assert sum(p.is_signatory and not p.is_party for p in page.participants) == 11
    declarations = [a for p in page.participants for a in p.actions if a.kind == "declaration"]
    assert sum(a.article == "76" for a in declarations) == 4
    assert sum(a.article == "77" for a in declarations) == 5


@pytest.mark.parametrize("row", _fixture_rows(), ids=lambda row: row["iso_alpha2"])
def test_cmw_row_matches_fixture(row: dict[str, str]) -> None:
    participant = _by_iso(_parsed("cmw.html"))[row["iso_alpha2"]]

    signatures = [a.date for a in participant.actions if a.kind in SIGNATURE_KINDS]
    expected_signature = [D.fromisoformat(row["signature_date"])] if row["signature_date"] else []
    assert signatures == expected_signature

    ratifications = [(a.kind, a.date) for a in participant.actions if a.kind in RATIFICATION_KINDS]
    expected_ratification = (
        [(row["action"], D.fromisoformat(row["action_date"]))] if row["action"] else []
    )
    assert ratifications == expected_ratification

    declarations = {a.article: a.date for a in participant.actions if a.kind == "declaration"}
    assert ("76" in declarations) is (row["art76_declaration"] == "yes")
    assert ("77" in declarations) is (row["art77_declaration"] == "yes")
    assert declarations == ICRMW_DECLARATIONS.get(row["iso_alpha2"], {})
    assert participant.withdrawn == ()


def test_cmw_declarations_exactly() -> None:
    page = _parsed("cmw.html")
    found = {
        (p.iso2, a.article, a.date)
        for p in page.participants
        for a in p.actions
        if a.kind == "declaration"
    }
    expected = {
        (iso2, article, made_on)
        for iso2, articles in ICRMW_DECLARATIONS.items()
        for article, made_on in articles.items()
    }
    assert found == expected
    for participant in page.participants:
        for action in participant.actions:
            if action.kind == "declaration":
                assert action.text
                assert len(action.text) <= 2000
                assert "competence" in action.text
            else:
                assert (action.article, action.text) == ("", "")


def test_cmw_turkiye_later_recognition_is_not_a_declaration() -> None:
    turkiye = _by_iso(_parsed("cmw.html"))["TR"]
    assert turkiye.name == "Türkiye"
    assert [a.kind for a in turkiye.actions] == ["signature", "ratification"]


def test_cmw_montenegro_succession_to_signature_and_footnote() -> None:
    montenegro = _by_iso(_parsed("cmw.html"))["ME"]
    assert montenegro.name == "Montenegro"
    assert montenegro.footnotes == ("2",)
    assert [(a.kind, a.date) for a in montenegro.actions] == [
        ("succession_to_signature", D(2006, 10, 23))
    ]


def test_bytes_and_str_input_agree() -> None:
    raw = _raw("cmw.html")
    assert parse_status_page(raw.encode("utf-8")) == parse_status_page(raw)


# ------------------------------------------------------------------------------------------
# all 18 pages


@pytest.mark.parametrize("filename", sorted(PAGES))
def test_every_page_parses_and_matches_header(filename: str) -> None:
    page = _parsed(filename)
    assert page.reference == PAGES[filename]
    assert page.as_of == D(2026, 2, 3)
    assert page.title
    assert page.adopted_on is not None
    assert page.entry_into_force is not None
    assert page.adopted_on < page.entry_into_force <= page.as_of
    assert sum(p.is_party for p in page.participants) == page.header_parties
    assert sum(p.is_signatory for p in page.participants) == page.header_signatories
    codes = [p.iso2 for p in page.participants]
    assert all(re.fullmatch(r"[A-Z]{2}", code) for code in codes)
    assert len(codes) == len(set(codes))
    for participant in page.participants:
        assert participant.name == participant.name.strip()
        assert not re.search(r"\d|\s{2}|[\[\]]", participant.name), participant.name
        assert all(note.isdigit() for note in participant.footnotes)
        assert all(a.date <= page.as_of for a in participant.actions + participant.withdrawn)
        assert all(a.kind != "denunciation" for a in participant.actions)
        if page.reference != "IV-13":
            assert all(a.kind != "declaration" for a in participant.actions)


def test_territorial_application_table_is_not_read_as_participants() -> None:
    # iccpr.html also has a "Participant | Date of receipt of the notification | Territories"
    # table (Territorial Application); only the tblgrid table holds participants.
    raw = _raw("iccpr.html")
    assert "Date of receipt of the notification" in raw
    page = _parsed("iccpr.html")
    assert len(page.participants) == 181
    netherlands = _by_iso(page)["NL"]
    assert D(1978, 12, 11) in {a.date for a in netherlands.actions}  # ratification, not territory
    assert "Netherlands Antilles" not in {p.name for p in page.participants}


def test_bracketed_dates_are_withdrawn_not_current() -> None:
    # ICCPR-OP1: Jamaica, Trinidad and Tobago and Belarus denounced the Protocol; UNTC shows
    # their dates in square brackets and gives the denunciations only in prose footnotes.
    page = _by_iso(_parsed("iccpr_op1.html"))
    jamaica, trinidad, belarus = page["JM"], page["TT"], page["BY"]
    assert jamaica.actions == ()
    assert [(a.kind, a.date) for a in jamaica.withdrawn] == [
        ("signature", D(1966, 12, 19)),
        ("ratification", D(1975, 10, 3)),
    ]
    assert [(a.kind, a.date) for a in trinidad.withdrawn] == [("accession", D(1980, 11, 14))]
    assert [(a.kind, a.date) for a in belarus.withdrawn] == [("accession", D(1992, 9, 30))]
    assert not jamaica.is_party
    assert not trinidad.is_party
    assert not belarus.is_party
    assert not jamaica.is_signatory
    assert belarus.footnotes == ("6",)


@pytest.mark.parametrize(
    ("filename", "iso2", "kind", "made_on"),
    [
        ("crpd.html", "EU", "formal_confirmation", D(2010, 12, 23)),
        ("crc.html", "NL", "acceptance", D(1995, 2, 6)),
        ("cat.html", "BA", "succession", D(1993, 9, 1)),
        ("cat.html", "AL", "accession", D(1994, 5, 11)),
        ("ced.html", "AL", "ratification", D(2007, 11, 8)),
    ],
)
def test_column_legend_markers(filename: str, iso2: str, kind: str, made_on: datetime.date) -> None:
    participant = _by_iso(_parsed(filename))[iso2]
    assert _first(participant, RATIFICATION_KINDS) == (kind, made_on)


def test_footnotes_are_stripped_from_names() -> None:
    page = _by_iso(_parsed("cedaw.html"))
    uk = page["GB"]
    assert uk.name == "United Kingdom of Great Britain and Northern Ireland"
    assert uk.footnotes == ("13", "63", "64", "65", "66", "67", "68", "69")
    assert page["KP"].name == "Democratic People's Republic of Korea"
    assert page["KP"].footnotes == ("17", "18")
    assert page["CK"].name == "Cook Islands"


def test_largest_page_parses_whole() -> None:
    # How long it takes is measured in bench/untc_parse.py against lxml's own parse (a timer
    # here failed CI on a loaded machine); here: the 3 MB page gives every participant.
    page = _parsed("iccpr.html")
    assert page.header_parties == 175
    assert len(page.participants) == 181
    assert len({p.iso2 for p in page.participants}) == 181


# ------------------------------------------------------------------------------------------
# bad input


@pytest.mark.parametrize("data", ["", "   \n\t ", b""], ids=["empty", "blank", "empty-bytes"])
def test_empty_input(data: str | bytes) -> None:
    with pytest.raises(UntcParseError, match="empty"):
        parse_status_page(data)


def test_not_a_untc_page() -> None:
    html = "<html><head><title>Hello</title></head><body><p>Just a page.</p></body></html>"
    with pytest.raises(UntcParseError, match="not a UNTC status page"):
        parse_status_page(html)


def test_untc_page_without_participants_table() -> None:
    html = (
        "<html><body><form action='./ViewDetails.aspx?mtdsg_no=IV-13'>"
        "<div>STATUS AS AT : 03-02-2026 10:16:18 EDT</div></form></body></html>"
    )
    with pytest.raises(UntcParseError, match="no participants table"):
        parse_status_page(html)


def _table_span(raw: str) -> tuple[int, int]:
    start = raw.index("tblgrid")
    return start, raw.index("</table>", start)


def _cut_points() -> list[tuple[str, int]]:
    raw = _raw("cmw.html")
    start, end = _table_span(raw)
    dec = raw.index("dgDec")
    return [
        ("after-status-line", raw.index("STATUS AS AT") + 200),
        ("table-start", start + 300),
        ("table-quarter", start + (end - start) // 4),
        ("table-half", start + (end - start) // 2),
        ("table-end", end + 3),
        ("declarations", dec + 2000),
        ("before-html-close", len(raw.rstrip()) - 3),
    ]


@pytest.mark.parametrize(("where", "cut"), _cut_points(), ids=lambda v: str(v))
def test_truncated_page(where: str, cut: int) -> None:
    with pytest.raises(UntcParseError, match="truncated"):
        parse_status_page(_raw("cmw.html")[:cut])


def test_truncated_table_with_document_closed_is_caught_by_header_counts() -> None:
    # Half the table's rows are gone, but the HTML has been "repaired" to look complete.
    raw = _raw("cmw.html")
    start, end = _table_span(raw)
    half = raw.rindex("</tr>", start, start + (end - start) // 2) + len("</tr>")
    html = raw[:half] + "</table></div></td></tr></table></form></body></html>"
    with pytest.raises(UntcParseError, match=r"does not match the page header.*60 parties"):
        parse_status_page(html)


def test_missing_row_is_caught_by_header_counts() -> None:
    raw = _raw("cmw.html")
    row = re.search(r"<tr class=\"trBGGrey\">\s*<td>Armenia<br></td>.*?</tr>", raw, re.S)
    assert row is not None
    with pytest.raises(UntcParseError, match="header says 40 signatories but the table lists 39"):
        parse_status_page(raw.replace(row.group(0), ""))


def test_unknown_participant() -> None:
    html = _raw("cmw.html").replace("<td>Albania<br></td>", "<td>Atlantis<br></td>")
    with pytest.raises(UnknownParticipantError, match="Atlantis") as excinfo:
        parse_status_page(html)
    assert excinfo.value.names == ["Atlantis"]


def test_all_unknown_participants_are_reported() -> None:
    html = (
        _raw("cmw.html")
        .replace("<td>Albania<br></td>", "<td>Atlantis<br></td>")
        .replace(">Algeria</A><br></td>", ">Lilliput</A><br></td>")
        .replace("<td>Zimbabwe<br></td>", "<td>Ruritania 4<br></td>")
    )
    with pytest.raises(UnknownParticipantError) as excinfo:
        parse_status_page(html)
    assert excinfo.value.names == ["Atlantis", "Lilliput", "Ruritania"]
    message = str(excinfo.value)
    assert all(name in message for name in ("Atlantis", "Lilliput", "Ruritania"))


@pytest.mark.parametrize(
    ("garbled", "problem"),
    [
        ("5 Jnu\t 2007 a", "not a valid date"),
        ("31 Feb\t 2007 a", "not a valid date"),
        ("5 Jun\t 20O7 a", "not a date like"),
        ("5 Jun\t 2007 a; 6 Jun 2008", "not a date like"),
        ("[5 Jun\t 2007 a", "unbalanced"),
    ],
)
def test_garbled_date(garbled: str, problem: str) -> None:
    html = _raw("cmw.html").replace("5 Jun\t 2007 a", garbled, 1)
    with pytest.raises(UntcParseError, match=re.escape(problem)) as excinfo:
        parse_status_page(html)
    message = str(excinfo.value)
    assert "Albania" in message
    assert garbled.replace("\t", " ").split()[0] in message


def test_unknown_marker() -> None:
    html = _raw("cmw.html").replace("5 Jun\t 2007 a", "5 Jun\t 2007 z", 1)
    with pytest.raises(UntcParseError, match=r"Unknown marker 'z'.*Albania"):
        parse_status_page(html)


def test_unknown_column_kind() -> None:
    html = _raw("cmw.html").replace(
        "Ratification, Accession(a), Succession(d)", "Ratification, Teleportation(t)", 1
    )
    with pytest.raises(UntcParseError, match="Teleportation"):
        parse_status_page(html)


# ------------------------------------------------------------------------------------------
# names


@pytest.mark.parametrize(
    ("name", "iso2"),
    [
        ("Türkiye", "TR"),
        ("turkiye", "TR"),
        ("Bolivia (Plurinational State of)", "BO"),
        ("Côte d'Ivoire", "CI"),
        ("COTE D\u2019IVOIRE", "CI"),
        ("Democratic People's Republic of Korea", "KP"),
        ("Republic of Korea", "KR"),
        ("Republic of Moldova", "MD"),
        ("State of Palestine", "PS"),
        ("Holy See", "VA"),
        ("Netherlands (Kingdom of the)", "NL"),
        ("United Kingdom of Great Britain and Northern Ireland", "GB"),
        ("United Kingdom", "GB"),
        ("Greece", "GR"),
        ("Czech Republic", "CZ"),
        ("Czechia", "CZ"),
        ("Micronesia (Federated States of)", "FM"),
        ("Iran (Islamic Republic of)", "IR"),
        ("Lao People's Democratic Republic", "LA"),
        ("Sao Tome and Principe", "ST"),
        ("São Tomé and Príncipe", "ST"),
        ("Cook Islands", "CK"),
        ("Niue", "NU"),
        ("Bolivarian Republic of Venezuela", "VE"),
        ("Venezuela (Bolivarian Republic of)", "VE"),
        ("Congo", "CG"),
        ("Democratic Republic of the Congo", "CD"),
        ("Kosovo", "XK"),
        ("European Union", "EU"),
        ("  St.  Vincent and the  Grenadines ", "VC"),
        ("Namibia", "NA"),
    ],
)
def test_iso2_for_participant(name: str, iso2: str) -> None:
    assert iso2_for_participant(name) == iso2


def test_iso2_for_unknown_participant() -> None:
    with pytest.raises(UnknownParticipantError, match="Atlantis") as excinfo:
        iso2_for_participant("Atlantis")
    assert excinfo.value.names == ["Atlantis"]
    assert isinstance(excinfo.value, UntcParseError)
    assert isinstance(excinfo.value, ValueError)


def test_unknown_participant_error_pickles() -> None:
    error = UnknownParticipantError(["Atlantis", "Lilliput"])
    restored = pickle.loads(pickle.dumps(error))  # noqa: S301 - round-trip of our own object
    assert restored.names == ["Atlantis", "Lilliput"]
    assert str(restored) == str(error)
