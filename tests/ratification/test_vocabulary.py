"""One status vocabulary everywhere (issue 15, item 11): party, signatory, former party, no action
and not applicable (territory) read the same on the map, the country index, the country page
and the API, in both languages; a state that denounced a treaty is a former party, never "no
action"; a territory is "not applicable", never "not a party"."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation
from rest_framework.test import APIClient

from maps.selectors import map_countries
from ratification.models import ActionKind, Treaty
from ratification.selectors.countries import country_index
from ratification.status import (
    DENOUNCED,
    NONE,
    NOT_APPLICABLE,
    PARTY,
    ActionRecord,
    TreatyStatus,
    applicable_status,
    derive_status,
    status_label,
)
from tests.factories import CountryFactory
from tests.ratification.pages_factories import act, make_icrmw, make_treaty

pytestmark = pytest.mark.django_db
D = datetime.date


def test_a_denunciation_makes_a_former_party_and_a_new_consent_a_party_again():
    actions = [
        ActionRecord("GY", ActionKind.RATIFICATION, D(1993, 5, 10)),
        ActionRecord("GY", ActionKind.DENUNCIATION, D(1999, 1, 5)),
    ]
    assert derive_status(actions)["GY"].status == DENOUNCED
    assert derive_status(actions, on=D(1998, 12, 31))["GY"].status == PARTY
    again = [*actions, ActionRecord("GY", ActionKind.ACCESSION, D(1999, 1, 5))]
    assert derive_status(again)["GY"].status == PARTY


def test_a_territory_with_no_action_is_not_applicable_and_a_state_is_no_action():
    assert applicable_status(NONE, code="AX", un_member=False) == NOT_APPLICABLE
    assert applicable_status(NONE, code="MX", un_member=True) == NONE
    assert applicable_status(NONE, code="VA", un_member=False) == NONE  # the Holy See may join
    assert applicable_status(PARTY, code="XX", un_member=False) == PARTY


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("en", ["Party", "Signatory", "Former party", "No action", "Not applicable (territory)"]),
        (
            "es",
            ["Parte", "Signatario", "Ex Estado parte", "Sin acción", "No aplicable (territorio)"],
        ),
    ],
)
def test_the_labels_in_both_languages(language, labels):
    with translation.override(language):
        assert [status_label(code) for code in TreatyStatus.values] == labels


@pytest.fixture
def world():
    """The ICRMW and a treaty Guyana denounced; a UN member, a territory and a former party."""
    icrmw = make_icrmw()
    other = make_treaty("iccpr-op1", 3)
    other.source = Treaty.Source.UNTC
    other.save()
    CountryFactory(iso2="MX", iso3="MEX", name="Mexico")
    CountryFactory(iso2="EG", iso3="EGY", numeric="818", name="Egypt", region="Africa")
    CountryFactory(iso2="GY", iso3="GUY", numeric="328", name="Guyana")
    CountryFactory(
        iso2="AX", iso3="ALA", numeric="248", name="Åland Islands", region="Europe",
        un_member_since=None,
    )  # fmt: skip
    act(icrmw, "MX", ActionKind.RATIFICATION, D(1999, 3, 8))
    act(icrmw, "GY", ActionKind.RATIFICATION, D(2005, 7, 7))
    act(icrmw, "GY", ActionKind.DENUNCIATION, D(2020, 1, 1))  # a made-up denunciation
    act(other, "GY", ActionKind.ACCESSION, D(1993, 5, 10))
    act(other, "GY", ActionKind.DENUNCIATION, D(1999, 1, 5))
    return icrmw


EXPECTED = {"MX": PARTY, "GY": DENOUNCED, "EG": NONE, "AX": NOT_APPLICABLE}


def test_the_map_and_the_country_index_agree(world):
    index = {row.code: row.status for row in country_index().rows}
    mapped = {c.iso2: c.status for c in map_countries(treaty=world, on=D(2026, 2, 3)).countries}
    assert {code: index[code] for code in EXPECTED} == EXPECTED
    assert {code: mapped[code] for code in EXPECTED} == EXPECTED
    with translation.override("es"):
        labels = {row.code: row.status_label for row in country_index().rows}
        map_labels = {
            c.iso2: c.status_label for c in map_countries(treaty=world, on=D(2026, 2, 3)).countries
        }
    assert labels["AX"] == map_labels["AX"] == "No aplicable (territorio)"
    assert labels["GY"] == map_labels["GY"] == "Ex Estado parte"


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_country_index_page_uses_the_words_of_the_map(client, world, language):
    body = client.get(f"/{language}/countries/").content.decode()
    with translation.override(language):
        for code in TreatyStatus.values:
            if code != "signatory":
                assert f">{status_label(code)}</span>" in body, code
    assert "Not a party" not in body
    assert "No es parte" not in body


def test_the_country_pages_say_former_party_and_not_applicable(client, world):
    guyana = client.get("/en/countries/GY/").content.decode()
    assert "Former party" in guyana
    aland = client.get("/en/countries/AX/").content.decode()
    table = aland[aland.index("<table") : aland.index("</table>")]
    assert table.count("Not applicable (territory)") == 2  # under each treaty
    assert "Not a party" not in table
    assert "No action" not in table
    mexico = client.get("/en/countries/MX/").content.decode()
    assert "No action" in mexico  # under the second treaty


def test_the_api_gives_the_same_codes(world):
    api = APIClient()
    guyana = api.get("/api/v1/countries/gy/").json()
    assert {t["treaty"]: t["status"] for t in guyana["treaties"]} == {
        "icrmw": "denounced",
        "iccpr-op1": "denounced",
    }
    aland = api.get("/api/v1/countries/ax/").json()
    assert {t["status"] for t in aland["treaties"]} == {"not_applicable"}
    mexico = api.get("/api/v1/countries/mx/").json()
    assert [t["status"] for t in mexico["treaties"]] == ["party", "none"]
    participants = api.get("/api/v1/treaties/icrmw/participants/").json()
    assert {r["iso2"]: r["status"] for r in participants["results"]} == {
        "MX": "party",
        "GY": "denounced",
    }
