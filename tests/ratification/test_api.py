from __future__ import annotations

import datetime
import re

import pytest
from rest_framework.test import APIClient

from ratification.models import ActionKind, TreatyAction
from tests.factories import StaffFactory, UserFactory
from tests.ratification.pages_factories import (
    act,
    make_country,
    make_icrmw,
    make_participants,
    make_treaty,
)

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def icrmw():
    treaty = make_icrmw()
    make_country("MX", region="Americas")
    make_country("EG", region="Africa")
    act(treaty, "MX", ActionKind.SIGNATURE, D(1991, 5, 22))
    act(treaty, "MX", ActionKind.RATIFICATION, D(1999, 3, 8))
    act(treaty, "MX", ActionKind.DECLARATION, D(2008, 9, 15), article="77")
    act(treaty, "EG", ActionKind.SIGNATURE, D(2000, 1, 1))
    return treaty


def test_treaty_list_and_detail_with_counts(api, icrmw):
    make_treaty("cedaw", 2)
    data = api.get("/api/v1/treaties/").json()
    assert [t["slug"] for t in data] == ["icrmw", "cedaw"]
    assert data[0]["parties"] == 1
    assert data[0]["signatories"] == 1
    detail = api.get("/api/v1/treaties/icrmw/").json()
    assert detail["untc_reference"] == "IV-13"
    assert detail["as_of"] == "2026-02-03"
    assert (detail["parties"], detail["signatories"]) == (1, 1)
    assert api.get("/api/v1/treaties/nope/").status_code == 404


def test_participants_with_filters(api, icrmw):
    data = api.get("/api/v1/treaties/icrmw/participants/").json()
    assert data["count"] == 2
    mexico = next(p for p in data["results"] if p["iso2"] == "MX")
    assert mexico == {
        "iso2": "MX",
        "country": "Mexico",
        "region": "Americas",
        "status": "party",
        "signature_date": "1991-05-22",
        "signature_kind": "signature",
        "consent_date": "1999-03-08",
        "consent_kind": "ratification",
        "entry_into_force": "2003-07-01",
        "declarations": [{"article": "77", "date": "2008-09-15"}],
    }
    assert [
        p["iso2"]
        for p in api.get("/api/v1/treaties/icrmw/participants/", {"status": "signatory"}).json()[
            "results"
        ]
    ] == ["EG"]
    assert [
        p["iso2"]
        for p in api.get("/api/v1/treaties/icrmw/participants/", {"region": "Americas"}).json()[
            "results"
        ]
    ] == ["MX"]
    past = api.get("/api/v1/treaties/icrmw/participants/", {"as_of": "1995-01-01"}).json()
    assert past["as_of"] == "1995-01-01"
    assert (past["parties"], past["signatories"]) == (0, 1)
    assert past["results"][0]["status"] == "signatory"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"status": "maybe"}, "status"),
        ({"region": "Mars"}, "region"),
        ({"as_of": "2020-02-30"}, "as_of"),
    ],
)
def test_participants_bad_filter_is_400_with_field_message(api, icrmw, params, field):
    response = api.get("/api/v1/treaties/icrmw/participants/", params)
    assert response.status_code == 400
    assert field in response.json()
    assert response.json()[field]


def test_participants_of_unknown_treaty_is_404(api):
    assert api.get("/api/v1/treaties/nope/participants/").status_code == 404


def test_country_status(api, icrmw):
    make_treaty("cedaw", 2)
    data = api.get("/api/v1/countries/mx/").json()
    assert data["iso2"] == "MX"
    assert data["region"] == "Americas"
    assert (data["party_count"], data["treaty_count"]) == (1, 2)
    assert [(t["treaty"], t["status"]) for t in data["treaties"]] == [
        ("icrmw", "party"),
        ("cedaw", "none"),
    ]
    assert api.get("/api/v1/countries/zz/").status_code == 404


def test_actions_public_read_with_filters(api, icrmw):
    cedaw = make_treaty("cedaw", 2)
    act(cedaw, "MX", ActionKind.RATIFICATION, D(1981, 3, 23))
    assert api.get("/api/v1/actions/").json()["count"] == 5
    by_treaty = api.get("/api/v1/actions/", {"treaty": "cedaw"}).json()
    assert [a["treaty"] for a in by_treaty["results"]] == ["cedaw"]
    assert api.get("/api/v1/actions/", {"country": "eg"}).json()["count"] == 1
    assert api.get("/api/v1/actions/", {"kind": "declaration"}).json()["count"] == 1
    ranged = api.get("/api/v1/actions/", {"date_after": "1995-01-01", "date_before": "2005-01-01"})
    assert sorted(a["date"] for a in ranged.json()["results"]) == ["1999-03-08", "2000-01-01"]
    one = TreatyAction.objects.get(country="EG")
    assert api.get(f"/api/v1/actions/{one.pk}/").json()["country"] == "EG"


NEW_ACTION = {"treaty": "icrmw", "country": "EG", "kind": "accession", "date": "2003-05-01"}


@pytest.mark.parametrize("persona", ["anonymous", "member"])
def test_action_writes_refused_for_non_staff(api, icrmw, persona):
    if persona == "member":
        api.force_authenticate(UserFactory())
    target = TreatyAction.objects.get(country="EG")
    before = list(TreatyAction.objects.order_by("pk").values())
    expected = 401 if persona == "anonymous" else 403
    assert api.post("/api/v1/actions/", NEW_ACTION).status_code in (expected, 403)
    assert api.patch(f"/api/v1/actions/{target.pk}/", {"date": "2001-01-01"}).status_code in (
        expected,
        403,
    )
    assert api.delete(f"/api/v1/actions/{target.pk}/").status_code in (expected, 403)
    assert list(TreatyAction.objects.order_by("pk").values()) == before


def test_staff_creates_updates_and_deletes_with_history(api, icrmw):
    staff = StaffFactory()
    api.force_authenticate(staff)
    response = api.post("/api/v1/actions/", NEW_ACTION)
    assert response.status_code == 201, response.json()
    created = TreatyAction.objects.get(pk=response.json()["id"])
    assert (created.kind, created.date) == ("accession", D(2003, 5, 1))
    assert created.history.first().history_user == staff

    response = api.patch(f"/api/v1/actions/{created.pk}/", {"date": "2003-06-01", "text": "note"})
    assert response.status_code == 200
    created.refresh_from_db()
    assert (created.date, created.text) == (D(2003, 6, 1), "note")
    assert created.history.count() == 2

    assert api.delete(f"/api/v1/actions/{created.pk}/").status_code == 204
    assert not TreatyAction.objects.filter(pk=created.pk).exists()
    assert TreatyAction.history.filter(id=created.pk).count() == 3  # deletion recorded too


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({**NEW_ACTION, "country": "XX"}, "country"),
        ({**NEW_ACTION, "kind": "wish"}, "kind"),
        ({**NEW_ACTION, "date": "2003-02-30"}, "date"),
        ({**NEW_ACTION, "treaty": "nope"}, "treaty"),
        ({**NEW_ACTION, "country": "MX", "kind": "ratification"}, "non_field_errors"),  # duplicate
    ],
)
def test_invalid_action_is_400_with_field_errors(api, icrmw, payload, field):
    api.force_authenticate(StaffFactory())
    count = TreatyAction.objects.count()
    response = api.post("/api/v1/actions/", payload)
    assert response.status_code == 400
    assert field in response.json()
    assert TreatyAction.objects.count() == count


def test_action_text_is_returned_as_data(api, icrmw):
    act(icrmw, "EG", ActionKind.RESERVATION, D(2001, 1, 1), text="<script>alert(1)</script>")
    response = api.get("/api/v1/actions/", {"kind": "reservation"})
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["results"][0]["text"] == "<script>alert(1)</script>"


def test_schema_lists_the_paths(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    body = response.content.decode()
    for path in (
        "/api/v1/treaties/",
        "/api/v1/treaties/{slug}/",
        "/api/v1/treaties/{slug}/participants/",
        "/api/v1/countries/{iso2}/",
        "/api/v1/actions/",
        "/api/v1/actions/{id}/",
    ):
        assert f"{path}:" in body, path


def test_docs_render_without_cdn(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    assert not re.search(r'(?:src|href)="https?://', response.content.decode())


# Query counts: treaty, regions, actions, countries (no session: anonymous).
@pytest.mark.parametrize("rows", [3, 30])
def test_participants_api_queries_do_not_grow(api, django_assert_num_queries, rows):
    make_participants(make_icrmw(), rows)
    with django_assert_num_queries(4):
        response = api.get("/api/v1/treaties/icrmw/participants/")
    assert response.json()["count"] == rows


@pytest.mark.parametrize("rows", [3, 30])
def test_actions_api_queries_do_not_grow(api, django_assert_num_queries, rows):
    make_participants(make_icrmw(), rows)
    with django_assert_num_queries(2):  # count + page, treaty joined
        response = api.get("/api/v1/actions/")
    assert response.json()["count"] > rows


def test_schema_validates_against_the_openapi_spec():
    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.validation import validate_schema

    schema = SchemaGenerator().get_schema(request=None, public=True)
    validate_schema(schema)  # raises on an invalid document
    params = {
        p["name"]
        for p in schema["paths"]["/api/v1/treaties/{slug}/participants/"]["get"]["parameters"]
    }
    assert {"slug", "status", "region", "as_of"} <= params
    assert "TreatyActionKindEnum" in schema["components"]["schemas"]


def test_treaties_carry_their_spanish_texts(api, icrmw):
    from ratification.models import Treaty

    Treaty.objects.filter(pk=icrmw.pk).update(
        name_es="Convención Internacional sobre la protección de los derechos de todos los "
        "trabajadores migratorios y de sus familiares",
        description="Protects migrant workers.",
        description_es="Protege a los trabajadores migratorios.",
    )
    detail = api.get("/api/v1/treaties/icrmw/").json()
    assert detail["name"].startswith("International Convention")
    assert detail["name_es"].startswith("Convención Internacional")
    assert (detail["short_name"], detail["short_name_es"]) == ("ICRMW", "")
    assert detail["description_es"] == "Protege a los trabajadores migratorios."
