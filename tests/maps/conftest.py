"""Fixtures for the map builders: plain data only, no database."""

from __future__ import annotations

import csv
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from maps.builders import CountryStatus, MapParts, MapText

ROOT = Path(__file__).resolve().parents[2]
ICRMW_CSV = ROOT / "tests" / "fixtures" / "icrmw_status.csv"
M49_CSV = ROOT / "ratification" / "data" / "countries_m49.csv"

ENGLISH = MapText(
    map_label="Map of the Migrant Workers Convention",
    legend_title="Migrant Workers Convention",
    party="Party",
    signatory="Signatory",
    no_action="No action",
    not_applicable="Not applicable",
    status_as_at="Status as at 3 February 2026",
    layer_status="Ratification status",
    layer_partners="Partners",
    signed="Signed",
    party_since="Party since",
    open_profile="Open the profile",
    not_on_map="Not on the map",
    attribution_shapes="Boundaries: Natural Earth",
    attribution_geonames="Capitals and places: GeoNames (CC BY 4.0)",
    disclaimer=(
        "The boundaries and names shown and the designations used on this map do not imply "
        "official endorsement or acceptance by the United Nations."
    ),
    zoom_in="Zoom in",
    zoom_out="Zoom out",
    country_hint="Click for the country page",
)
LABELS = {
    "party": "Party",
    "signatory": "Signatory",
    "none": "No action",
    "not_applicable": "Not applicable",
}


def static_url(path: str) -> str:
    return f"/static/{path}"


def _day(value: str) -> date | None:
    return date.fromisoformat(value) if value else None


def icrmw_rows() -> list[dict[str, str]]:
    with ICRMW_CSV.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def icrmw_countries() -> list[CountryStatus]:
    """Every country in the M49 list with its ICRMW status from the shipped fixture: parties
    (ratification, accession or succession), signatories, no action for the other states,
    not applicable for territories."""
    participants = {row["iso_alpha2"]: row for row in icrmw_rows()}
    countries = []
    with M49_CSV.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            code = row["iso_alpha2"]
            participant = participants.get(code)
            if participant:
                status = "party" if participant["action"] else "signatory"
                signed, party = (
                    _day(participant["signature_date"]),
                    _day(participant["action_date"]),
                )
            else:
                status = "none" if row["un_member_since"] else "not_applicable"
                signed = party = None
            countries.append(
                CountryStatus(
                    iso2=code,
                    name=row["name"],
                    status=status,
                    status_label=LABELS[status],
                    signed_on=signed,
                    party_on=party,
                    url=f"/en/countries/{code}/",
                )
            )
    return countries


@pytest.fixture(scope="session")
def english() -> MapText:
    return ENGLISH


_DATA_BLOCK = re.compile(
    r'<script type="application/json" class="cm-map-data">(.*?)</script>', re.S
)


def map_specs(html: str) -> list[dict[str, Any]]:
    """Every map's data block in a page: {"map": its <div> id, "options": Leaflet's, "draw": the
    function of coalition-maps.js that draws it, "data": what that function gets} (valid JSON:
    the escapes used for HTML safety are JSON escapes too)."""
    return [json.loads(block) for block in _DATA_BLOCK.findall(html)]


def drawing_payload(parts: MapParts) -> tuple[str, dict[str, Any]]:
    """The function of coalition-maps.js that draws the map, and the data it is given."""
    (spec,) = map_specs(parts.script)
    assert parts.script == _DATA_BLOCK.search(parts.script).group(0)  # type: ignore[union-attr]
    return spec["draw"], spec["data"]


@pytest.fixture
def icrmw(db: Any) -> Any:
    """The M49 country table and the ICRMW with Mexico (signed 1991, ratified 1999) and the
    Philippines (signed 1993, ratified 1995); Chile only signed it (1993)."""
    from ratification.models import ActionKind
    from ratification.services.reference_data import countries_load
    from tests.factories import TreatyActionFactory, TreatyFactory

    countries_load()
    treaty = TreatyFactory(as_of=date(2026, 2, 3))
    for code, kind, day in [
        ("MX", ActionKind.SIGNATURE, date(1991, 5, 22)),
        ("MX", ActionKind.RATIFICATION, date(1999, 3, 8)),
        ("PH", ActionKind.SIGNATURE, date(1993, 11, 15)),
        ("PH", ActionKind.RATIFICATION, date(1995, 7, 5)),
        ("CL", ActionKind.SIGNATURE, date(1993, 9, 24)),
    ]:
        TreatyActionFactory(treaty=treaty, country=code, kind=kind, date=day)
    return treaty


@pytest.fixture(autouse=True)
def _english() -> Any:
    """A request to /es/ leaves Spanish active in the thread; reverse() here means English."""
    from django.utils import translation

    with translation.override("en"):
        yield
