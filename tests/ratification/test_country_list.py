from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from ratification.models import ActionKind
from ratification.services.reference_data import countries_load
from tests.factories import TreatyActionFactory, TreatyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(db):
    countries_load()
    icrmw = TreatyFactory(as_of=datetime.date(2026, 2, 3))
    cat = TreatyFactory(slug="cat", short_name="CAT", name="CAT", untc_reference="IV-9", position=5)
    TreatyActionFactory(
        treaty=icrmw, country="MX", kind=ActionKind.RATIFICATION, date=datetime.date(1999, 3, 8)
    )
    TreatyActionFactory(
        treaty=icrmw, country="CL", kind=ActionKind.SIGNATURE, date=datetime.date(1993, 9, 24)
    )
    TreatyActionFactory(
        treaty=cat, country="MX", kind=ActionKind.RATIFICATION, date=datetime.date(1986, 1, 23)
    )
    return icrmw


def url(**params: str) -> str:
    from urllib.parse import urlencode

    return reverse("ratification:country-list") + ("?" + urlencode(params) if params else "")


def rows(response) -> list[tuple[str, str, str]]:
    """(country, ICRMW status, treaties party to) for each row of the index."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(response.content, "html.parser")
    found = []
    for tr in soup.select("#country-index tbody tr"):
        cells = [td.get_text(" ", strip=True) for td in tr.find_all("td")]
        if len(cells) == 6:
            found.append((cells[0], cells[2], cells[5]))
    return found


@pytest.fixture(autouse=True)
def _english():
    from django.utils import translation

    with translation.override("en"):
        yield


def test_every_country_with_icrmw_status_and_treaty_count(client, data):
    response = client.get(url())
    assert response.status_code == 200
    found = {r[0]: r for r in rows(response)}
    assert len(found) == 250
    assert found["Mexico"] == ("Mexico", "Party", "2")
    assert found["Chile"] == ("Chile", "Signatory", "0")
    # The map's words (issue 15, item 11): a state took no action, a territory cannot.
    assert found["France"] == ("France", "No action", "0")
    assert found["Bermuda (Territory or other participant)"][1] == "Not applicable (territory)"


def test_filters_and_search(client, data):
    assert [r[0] for r in rows(client.get(url(status="party")))] == ["Mexico"]
    assert [r[0] for r in rows(client.get(url(q="mex")))] == ["Mexico"]
    assert [r[0] for r in rows(client.get(url(q="cl")))] == ["Chile"]  # ISO code
    assert len(rows(client.get(url(kind="member")))) == 193
    americas = rows(client.get(url(region="Americas", status="signatory")))
    assert [r[0] for r in americas] == ["Chile"]


def test_bad_filter_values_are_reported_not_fatal(client, data):
    response = client.get(url(status="<script>", region="Atlantis"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "<script>" not in body
    assert "Select a valid choice" in body


@pytest.mark.parametrize("n", [3, 30])
def test_query_count_is_constant(client, data, n, django_assert_num_queries):
    from tests.ratification.pages_factories import make_participants

    make_participants(data, n, start=100)
    with django_assert_num_queries(6):
        assert client.get(url()).status_code == 200


def test_spanish_index_names_sorts_and_finds_countries_in_spanish(client, data):
    from django.utils import translation

    with translation.override("es"):
        index = reverse("ratification:country-list")

        def names(**params: str) -> list[str]:
            from urllib.parse import urlencode

            response = client.get(index + ("?" + urlencode(params) if params else ""))
            return [r[0] for r in rows(response)]

        everything = names()
        assert "México" in everything
        assert "Mexico" not in everything
        # Accent-blind order: "Österreich"-style names sort with their letter, not at the end.
        assert everything.index("Afganistán") < everything.index("Albania")
        assert (
            everything.index("Omán") < everything.index("Países Bajos") < everything.index("Perú")
        )
        assert names(q="mexico") == ["México"]  # without the accent
        assert names(q="Germany") == ["Alemania"]  # the UN English name still finds it
        assert names(region="Americas", status="signatory") == ["Chile"]
