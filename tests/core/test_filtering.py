"""Filters take values in any case, the same on HTML pages and in the API, and filtered lists
say how many rows they show out of how many."""

from __future__ import annotations

import datetime

import pytest
from rest_framework.test import APIClient

from core.filtering import CaseInsensitiveChoiceField, canonical_choice
from partners.models import Partner
from ratification.models import ActionKind
from tests.factories import PartnerFactory
from tests.ratification.pages_factories import act, make_country, make_icrmw

D = datetime.date


def test_canonical_choice_matches_case_and_spaces_only():
    choices = [("", "All"), ("Americas", "Americas"), ("party", "Party")]
    assert canonical_choice(" americas ", choices) == "Americas"
    assert canonical_choice("PARTY", choices) == "party"
    assert canonical_choice("Oceania", choices) == "Oceania"  # left for validation to refuse
    assert canonical_choice(None, choices) is None
    grouped = [("Regions", [("Africa", "Africa")])]
    assert canonical_choice("AFRICA", grouped) == "Africa"


def test_the_field_cleans_and_redisplays_the_canonical_value():
    field = CaseInsensitiveChoiceField(choices=[("Americas", "Americas")], required=False)
    assert field.clean("aMeRiCaS") == "Americas"
    assert field.prepare_value("americas") == "Americas"
    with pytest.raises(Exception, match="Select a valid choice"):
        field.clean("atlantis")


@pytest.fixture
def world(db):
    icrmw = make_icrmw()
    make_country("MX", region="Americas")
    make_country("AR", region="Americas")
    make_country("FR", region="Europe")
    act(icrmw, "MX", ActionKind.RATIFICATION, D(1999, 3, 8))
    act(icrmw, "AR", ActionKind.SIGNATURE, D(2004, 8, 10))
    act(icrmw, "FR", ActionKind.SIGNATURE, D(2010, 1, 1))
    PartnerFactory(name="Red Mexicana", country="MX", kind=Partner.Kind.NGO)
    PartnerFactory(name="Sindicato Porteño", country="AR", kind=Partner.Kind.UNION)
    PartnerFactory(name="Collectif Paris", country="FR", kind=Partner.Kind.NGO)
    return icrmw


@pytest.mark.parametrize("region", ["Americas", "americas", "AMERICAS", " americas "])
def test_treaty_participants_page_and_api_agree_in_any_case(client, world, region):
    body = client.get("/en/treaties/icrmw/", {"region": region}).content.decode()
    table = body.split('class="participants stack"')[1].split("</table>")[0]
    assert "Mexico" in table
    assert "Argentina" in table
    assert "France" not in table
    assert "were not understood" not in body
    assert "Showing 2 of 3 participants" in body
    assert '<option value="Americas" selected>' in body

    api = APIClient().get("/api/v1/treaties/icrmw/participants/", {"region": region})
    assert api.status_code == 200
    assert sorted(p["iso2"] for p in api.json()["results"]) == ["AR", "MX"]


def test_participant_status_and_sort_in_any_case(client, world):
    body = client.get("/en/treaties/icrmw/", {"status": "SIGNATORY", "sort": "-Country"})
    table = body.content.decode().split('class="participants stack"')[1].split("</table>")[0]
    assert table.index("France") < table.index("Argentina")  # signatories, Z to A
    assert "Mexico" not in table
    api = APIClient().get("/api/v1/treaties/icrmw/participants/", {"status": "Signatory"})
    assert sorted(p["iso2"] for p in api.json()["results"]) == ["AR", "FR"]


def test_an_unknown_region_is_still_reported(client, world):
    body = client.get("/en/treaties/icrmw/", {"region": "atlantis"}).content.decode()
    assert "were not understood" in body
    assert (
        APIClient().get("/api/v1/treaties/icrmw/participants/", {"region": "atlantis"}).status_code
        == 400
    )


def test_country_index_in_any_case_with_row_count(client, world):
    body = client.get("/en/countries/", {"region": "AMERICAS", "status": "Party"}).content.decode()
    table = body.split('id="country-index"')[1].split("</table>")[0]
    assert "Mexico" in table
    assert "Argentina" not in table
    assert "Showing 1 of 3 countries and areas" in body


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ({"region": "americas"}, {"Red Mexicana", "Sindicato Porteño"}),
        ({"kind": "NGO"}, {"Red Mexicana", "Collectif Paris"}),
        ({"country": "mx"}, {"Red Mexicana"}),
        ({"region": "AMERICAS", "kind": "Union"}, {"Sindicato Porteño"}),
    ],
)
def test_directory_and_api_filters_in_any_case(client, world, query, shown):
    body = client.get("/en/partners/", query).content.decode()
    table = body.split("<tbody>")[1].split("</tbody>")[0]
    assert {
        n for n in ("Red Mexicana", "Sindicato Porteño", "Collectif Paris") if n in table
    } == shown
    count = len(shown)
    assert f"Showing {count} of 3 partner" in body

    api = APIClient().get("/api/v1/partners/", query)
    assert api.status_code == 200
    assert {p["name"] for p in api.json()["results"]} == shown


def test_directory_marks_the_canonical_option_selected(client, world):
    body = client.get("/en/partners/", {"region": "americas", "kind": "NGO"}).content.decode()
    assert '<option value="Americas" selected>' in body
    assert '<option value="ngo" selected>' in body


def test_unfiltered_directory_says_how_many_without_an_extra_query(client, world):
    body = client.get("/en/partners/").content.decode()
    assert "3 partners" in body
    assert "Showing" not in body


def test_row_counts_are_translated_with_plural_forms(client, world):
    body = client.get("/es/partners/", {"country": "mx"}).content.decode()
    assert "Mostrando 1 de 3 organizaciones" in body
    body = client.get("/es/treaties/icrmw/", {"region": "americas"}).content.decode()
    assert "Mostrando 2 de 3 participantes" in body


@pytest.mark.parametrize("kind", ["day_of_action", "DAY_OF_ACTION", "Day_Of_Action"])
def test_campaign_list_page_and_api_filter_by_kind_in_any_case(client, db, kind):
    from campaigns.models import Campaign
    from tests.campaigns.factories import CampaignFactory

    CampaignFactory(title_en="Migrants Day", kind=Campaign.Kind.DAY_OF_ACTION)
    CampaignFactory(title_en="Ratify now", kind=Campaign.Kind.RATIFICATION)
    CampaignFactory(title_en="Border principles", kind=Campaign.Kind.ENDORSEMENT)

    body = client.get("/en/campaigns/", {"kind": kind}).content.decode()
    assert "Migrants Day" in body
    assert "Ratify now" not in body
    assert "Showing 1 of 3 campaigns" in body
    assert '<option value="day_of_action" selected>' in body

    api = APIClient().get("/api/v1/campaigns/", {"kind": kind})
    assert api.status_code == 200
    assert [c["title"] for c in api.json()["results"]] == ["Migrants Day"]


def test_campaign_list_unknown_kind_shows_everything_with_a_message(client, db):
    from tests.campaigns.factories import CampaignFactory

    CampaignFactory(title_en="Ratify now")
    body = client.get("/en/campaigns/", {"kind": "parade"}).content.decode()
    assert "Ratify now" in body
    assert "does not exist" in body
    assert APIClient().get("/api/v1/campaigns/", {"kind": "parade"}).status_code == 400
