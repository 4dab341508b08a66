from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.urls import reverse

from ratification.models import ActionKind
from tests.factories import PartnerFactory
from tests.ratification.pages_factories import (
    act,
    make_country,
    make_icrmw,
    make_participants,
    make_treaty,
)

pytestmark = pytest.mark.django_db
D = datetime.date
XSS = "<script>alert(1)</script>"


def detail_url(slug: str = "icrmw") -> str:
    return reverse("ratification:treaty-detail", kwargs={"slug": slug})


def download_url(fmt: str, slug: str = "icrmw") -> str:
    return reverse("ratification:treaty-participants-download", kwargs={"slug": slug, "fmt": fmt})


@pytest.fixture
def icrmw():
    treaty = make_icrmw()
    make_country("MX", region="Americas")
    make_country("EG", region="Africa")
    make_country("KH", region="Asia")
    act(treaty, "MX", ActionKind.SIGNATURE, D(1991, 5, 22))
    act(treaty, "MX", ActionKind.RATIFICATION, D(1999, 3, 8))
    act(treaty, "MX", ActionKind.DECLARATION, D(2008, 9, 15), article="77")
    act(treaty, "EG", ActionKind.ACCESSION, D(1993, 2, 19))
    act(treaty, "EG", ActionKind.DECLARATION, D(2018, 1, 12), article="76")
    act(treaty, "KH", ActionKind.SIGNATURE, D(2004, 9, 27))
    return treaty


def test_treaty_list_shows_counts_and_links(client, icrmw):
    make_treaty("cedaw", 2)
    response = client.get(reverse("ratification:treaty-list"))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.index("ICRMW") < body.index("CEDAW")
    assert detail_url() in body
    assert "IV-13" in body
    assert '<td class="num" data-label="Parties">2</td>' in body
    assert '<td class="num" data-label="Signatories">2</td>' in body
    assert '<td class="num" data-label="of which not yet ratified">1</td>' in body
    assert '<time class="date" datetime="2026-02-03">3 February 2026</time>' in body


def test_treaty_detail_shows_participants_declarations_and_chart(client, icrmw):
    response = client.get(detail_url())
    assert response.status_code == 200
    body = response.content.decode()
    assert icrmw.name in body
    assert '<strong class="count-parties">2</strong>' in body
    assert '<strong class="count-signatories">1</strong>' in body
    assert reverse("maps:country-detail", kwargs={"iso2": "MX"}) in body
    assert "8 March 1999" in body
    assert "1 July 2003" in body  # entry into force for Mexico (not before the treaty's own)
    assert "art. 76 (12 January 2018)" in body
    assert "<strong>1</strong> of the 10 declarations under article 77" in body
    assert "<strong>1</strong> of the 10 declarations under article 76" in body
    assert "<svg" in body
    assert "<title id=" in body
    assert "<details>" in body  # the chart's table twin
    assert "<script" not in body  # no JavaScript needed


def test_declarations_block_only_on_the_icrmw(client, icrmw):
    make_treaty("cedaw", 2)
    body = client.get(detail_url("cedaw")).content.decode()
    assert "declarations under article 77" not in body


def test_status_filter(client, icrmw):
    body = client.get(detail_url(), {"status": "signatory"}).content.decode()
    table = body.split('class="participants stack"')[1]
    assert "Cambodia" in table
    assert "Mexico" not in table
    assert "Egypt" not in table


def test_region_filter(client, icrmw):
    body = client.get(detail_url(), {"region": "Africa"}).content.decode()
    table = body.split('class="participants stack"')[1]
    assert "Egypt" in table
    assert "Mexico" not in table


def test_as_of_shows_status_at_a_past_date(client, icrmw):
    body = client.get(detail_url(), {"as_of": "1995-01-01"}).content.decode()
    assert '<strong class="count-parties">1</strong>' in body  # only Egypt by then
    assert '<strong class="count-signatories">1</strong>' in body  # Mexico had signed
    table = body.split('class="participants stack"')[1]
    assert "Cambodia" not in table  # signed in 2004


@pytest.mark.parametrize(
    "params",
    [{"region": "Atlantis"}, {"as_of": "2004-13-45"}, {"status": "maybe"}, {"as_of": "yesterday"}],
)
def test_bad_filters_show_a_message_and_the_full_list(client, icrmw, params):
    response = client.get(detail_url(), params)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Some filters were not understood" in body
    table = body.split('class="participants stack"')[1]
    for name in ("Mexico", "Egypt", "Cambodia"):
        assert name in table


def test_sort_links_and_order(client, icrmw):
    body = client.get(detail_url(), {"sort": "-ratified", "status": "party"}).content.decode()
    table = body.split('class="participants stack"')[1]
    assert table.index("Mexico") < table.index("Egypt")  # 1999 before 1993 when descending
    assert "?status=party&amp;sort=ratified#participants" in body  # toggles, keeps the filter
    body = client.get(detail_url(), {"sort": "ratified"}).content.decode()
    table = body.split('class="participants stack"')[1]
    assert table.index("Egypt") < table.index("Mexico")


def test_csv_download_honours_filters(client, icrmw):
    response = client.get(download_url("csv"), {"status": "party"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [r["iso2"] for r in rows] == ["EG", "MX"]
    mexico = rows[1]
    assert mexico["status"] == "party"
    assert mexico["signature_date"] == "1991-05-22"
    assert mexico["consent_kind"] == "ratification"
    assert mexico["consent_date"] == "1999-03-08"
    assert mexico["entry_into_force"] == "2003-07-01"
    assert mexico["declarations"] == "art. 77 (2008-09-15)"
    assert rows[0]["region"] == "Africa"


def test_csv_download_neutralises_formulas(client, icrmw):
    make_country("FR", name="=HYPERLINK(1)")
    act(icrmw, "FR", ActionKind.SIGNATURE, D(2000, 1, 1))
    rows = list(
        csv.DictReader(io.StringIO(client.get(download_url("csv")).content.decode("utf-8-sig")))
    )
    assert next(r for r in rows if r["iso2"] == "FR")["country"] == "'=HYPERLINK(1)"


def test_json_download_honours_as_of(client, icrmw):
    response = client.get(download_url("json"), {"as_of": "1995-01-01"})
    assert response.status_code == 200
    data = response.json()
    assert data["treaty"] == "icrmw"
    assert data["as_of"] == "1995-01-01"
    by_code = {p["iso2"]: p for p in data["participants"]}
    assert set(by_code) == {"EG", "MX"}
    assert by_code["MX"]["status"] == "signatory"
    assert by_code["EG"]["consent_kind"] == "accession"
    assert by_code["EG"]["declarations"] == []


def test_download_with_bad_filter_is_400(client, icrmw):
    response = client.get(download_url("csv"), {"as_of": "not-a-date"})
    assert response.status_code == 400
    assert b"YYYY-MM-DD" in response.content


def test_404s(client, icrmw):
    assert client.get(download_url("xml")).status_code == 404
    assert client.get(download_url("csv", slug="nope")).status_code == 404
    assert client.get(detail_url("nope")).status_code == 404
    assert client.get(reverse("maps:country-detail", kwargs={"iso2": "zz"})).status_code == 404
    assert client.get(reverse("maps:country-detail", kwargs={"iso2": "mex"})).status_code == 404


def test_country_page_case_insensitive_with_party_count(client, icrmw):
    cedaw = make_treaty("cedaw", 2)
    act(cedaw, "MX", ActionKind.RATIFICATION, D(1981, 3, 23))
    make_treaty("crc", 3)
    response = client.get(reverse("maps:country-detail", kwargs={"iso2": "mx"}))
    assert response.status_code == 200
    body = response.content.decode()
    assert "<h1>Mexico</h1>" in body
    assert "Americas" in body
    assert "Party to 2 of 3 core UN human-rights treaties." in body
    assert "23 March 1981" in body
    assert "art. 77 (15 September 2008)" in body
    assert "{# partners section" not in body  # the marker is a template comment


def test_country_name_is_escaped_everywhere(client, icrmw):
    make_country("FR", name=f"France{XSS}")
    act(icrmw, "FR", ActionKind.SIGNATURE, D(2000, 1, 1))
    for url in (detail_url(), reverse("maps:country-detail", kwargs={"iso2": "fr"})):
        body = client.get(url).content.decode()
        assert XSS not in body
        assert "France&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_home_shows_the_icrmw_headline(client, icrmw):
    body = client.get(reverse("home")).content.decode()
    assert "<strong>2</strong> States Parties" in body
    # MX signed then ratified, KH only signed: two signatories, one not yet a party.
    assert (
        '<strong class="count-signatories-total">2</strong> signatories, of which '
        '<strong class="count-signatories">1</strong> has not yet ratified'
    ) in body
    assert "3 February 2026" in body


def test_home_without_data(client):
    assert client.get(reverse("home")).status_code == 200


# --- Query counts: the same with 3 and with 30 rows (no N+1) -------------------------------
# treaty, regions, actions, countries
PARTICIPANTS_PAGE_QUERIES = 4
# country, treaties, actions, partners based there + their focus areas and languages, and (for
# the small map's colour when the state took no ICRMW action) whether it is a UN member
COUNTRY_PAGE_QUERIES = 7


@pytest.mark.parametrize("rows", [3, 30])
def test_participants_page_queries_do_not_grow(client, django_assert_num_queries, rows):
    treaty = make_icrmw()
    make_participants(treaty, rows)
    client.get(detail_url())  # warm the footer's cached data-source summary
    with django_assert_num_queries(PARTICIPANTS_PAGE_QUERIES):
        response = client.get(detail_url(), {"sort": "status"})
    assert response.content.decode().count('<span class="badge') == rows


@pytest.mark.parametrize("rows", [3, 30])
def test_participants_download_queries_do_not_grow(client, django_assert_num_queries, rows):
    make_participants(make_icrmw(), rows)
    with django_assert_num_queries(PARTICIPANTS_PAGE_QUERIES):
        response = client.get(download_url("json"))
    assert len(response.json()["participants"]) == rows


@pytest.mark.parametrize("treaties", [3, 30])
def test_country_page_queries_do_not_grow(client, django_assert_num_queries, treaties):
    make_country("MX", region="Americas")
    for i in range(treaties):
        treaty = make_treaty(f"t{i}", i + 2)
        act(treaty, "MX", ActionKind.SIGNATURE, D(1990, 1, 1))
        act(treaty, "MX", ActionKind.RATIFICATION, D(1995, 1, 1))
    PartnerFactory.create_batch(treaties, country="MX")
    url = reverse("maps:country-detail", kwargs={"iso2": "MX"})
    client.get(url)
    with django_assert_num_queries(COUNTRY_PAGE_QUERIES):
        response = client.get(url)
    assert f"Party to {treaties} of {treaties}" in response.content.decode()
    assert response.content.decode().count("Partner Organisation") == treaties


def test_country_page_lists_published_partners_based_there(client):
    make_country("MX", region="Americas")
    PartnerFactory(name="Sin Fronteras", country="MX")
    PartnerFactory(name="Hidden Draft", country="MX", is_published=False)
    PartnerFactory(name="Elsewhere", country="GT")
    body = client.get(reverse("maps:country-detail", kwargs={"iso2": "mx"})).content
    assert b"Sin Fronteras" in body
    assert b"Hidden Draft" not in body
    assert b"Elsewhere" not in body
