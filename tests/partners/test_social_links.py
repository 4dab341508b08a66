"""`social_links` at every entry point (issue 7 #1): a list of at most 10 http(s) URLs.

One editor used to be able to store `5` through the API and take down the public list, the
partner's page and their own edit page. Every way in now refuses a bad value, and a bad value
already in the database (written before this check existed) cannot break a page.
"""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError
from django.db.models import JSONField, Value
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from partners.forms import PartnerProfileForm
from partners.models import Membership, Partner
from partners.services.csv_io import partners_export_csv, partners_import_csv
from partners.validators import SOCIAL_LINKS_MAX, validate_social_links
from tests.factories import MembershipFactory, PartnerFactory, StaffFactory

pytestmark = pytest.mark.django_db

GOOD = ["https://social.example.org/ours", "http://video.example.org/c/ours"]
BAD_VALUES = [
    5,
    True,
    None,
    "https://a.example.org/",
    {"https://x.example.org/": 1},
    [5],
    [None],
    ["javascript:alert(1)"],
    ["ftp://files.example.org/"],
    ["https://"],
    ["https://a.example.org/" + "x" * 300],
    [f"https://a.example.org/{n}" for n in range(SOCIAL_LINKS_MAX + 1)],
]


@pytest.fixture
def partner():
    return PartnerFactory(slug="ours", social_links=list(GOOD))


@pytest.fixture
def editor(partner):
    user = MembershipFactory(partner=partner, role=Membership.Role.EDITOR).user
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


# --- The validator and the model -------------------------------------------------------------


def test_validator_accepts_a_short_list_of_web_links():
    validate_social_links([])
    validate_social_links(GOOD)
    validate_social_links([f"https://a.example.org/{n}" for n in range(SOCIAL_LINKS_MAX)])


@pytest.mark.parametrize("value", BAD_VALUES, ids=repr)
def test_validator_and_model_refuse_bad_values(value):
    with pytest.raises(ValidationError):
        validate_social_links(value)
    partner = PartnerFactory.build(slug="x", social_links=value)
    with pytest.raises(ValidationError) as exc:
        partner.full_clean()
    assert "social_links" in exc.value.message_dict


# --- API ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", BAD_VALUES, ids=repr)
def test_api_patch_refuses_bad_social_links(partner, editor, value):
    before = Partner.objects.values().get(pk=partner.pk)
    response = editor.patch("/api/v1/partners/ours/", {"social_links": value}, format="json")
    assert response.status_code == 400, response.content
    assert "social_links" in response.json()
    assert Partner.objects.values().get(pk=partner.pk) == before
    # ...and the public API still answers.
    assert APIClient().get("/api/v1/partners/").status_code == 200


def test_api_patch_saves_good_social_links(partner, editor):
    links = ["https://new.example.org/a"]
    response = editor.patch("/api/v1/partners/ours/", {"social_links": links}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["social_links"] == links
    partner.refresh_from_db()
    assert partner.social_links == links


def test_api_staff_create_refuses_bad_social_links():
    client = APIClient()
    client.force_authenticate(StaffFactory())
    response = client.post(
        "/api/v1/partners/",
        {"name": "New", "country": "MX", "social_links": {"https://x.example.org/": 1}},
        format="json",
    )
    assert response.status_code == 400, response.content
    assert not Partner.objects.filter(name="New").exists()


def test_openapi_schema_types_social_links_as_a_list_of_uris():
    schema = APIClient().get("/api/schema/", {"format": "json"}).json()
    props = schema["components"]["schemas"]["PatchedPartnerEditorRequest"][
        "properties"
    ]  # the PATCH body (split request components)
    assert props["social_links"]["type"] == "array"
    assert props["social_links"]["items"]["format"] == "uri"
    assert props["social_links"]["maxItems"] == SOCIAL_LINKS_MAX


# --- HTML form --------------------------------------------------------------------------------


def test_form_refuses_more_than_the_maximum_number_of_links():
    lines = "\n".join(f"https://a.example.org/{n}" for n in range(SOCIAL_LINKS_MAX + 1))
    form = PartnerProfileForm({"name": "X", "kind": "ngo", "country": "MX", "social_links": lines})
    assert not form.is_valid()
    assert "social_links" in form.errors


def test_form_refuses_an_overlong_link():
    link = "https://a.example.org/" + "x" * 300
    form = PartnerProfileForm({"name": "X", "kind": "ngo", "country": "MX", "social_links": link})
    assert not form.is_valid()
    assert "social_links" in form.errors


# --- CSV ----------------------------------------------------------------------------------------


def test_csv_import_reads_and_validates_social_links(partner):
    data = (
        "name,slug,country,social_links\n"
        "Ours,ours,MX,https://a.example.org/x https://b.example.org/y\n"
        "Other,,MX,javascript:alert(1)\n"
    )
    report = partners_import_csv(file=data, dry_run=False)
    assert not report.applied
    assert "social_links" in report.rows[1].errors
    report = partners_import_csv(file="".join(data.splitlines(keepends=True)[:2]), dry_run=False)
    assert report.applied, report.rows
    partner.refresh_from_db()
    assert partner.social_links == ["https://a.example.org/x", "https://b.example.org/y"]


def test_csv_export_round_trips_social_links(partner):
    text = "".join(partners_export_csv())
    assert "https://social.example.org/ours http://video.example.org/c/ours" in text
    report = partners_import_csv(file=text, dry_run=True)
    assert report.is_valid, report.rows
    assert report.unchanged == 1


# --- Bad values already stored ----------------------------------------------------------------


@pytest.mark.parametrize(
    "stored",
    [5, True, None, "https://a.example.org/", {"https://x.example.org/": 1}, [5, None]],
    ids=repr,
)
def test_bad_stored_values_do_not_break_any_page(client, partner, stored):
    # Value(..., JSONField()) stores JSON null for None rather than SQL NULL.
    Partner.objects.filter(pk=partner.pk).update(social_links=Value(stored, JSONField()))
    member = MembershipFactory(partner=partner, role=Membership.Role.EDITOR).user
    anonymous = APIClient()
    for url in [
        "/api/v1/partners/",
        "/api/v1/partners/ours/",
        "/api/v1/partners/geojson/",
        reverse("partners:partner-list"),
        reverse("partners:partner-detail", kwargs={"slug": "ours"}),
    ]:
        response = anonymous.get(url)
        assert response.status_code == 200, (url, response.content[:500])
    detail = anonymous.get("/api/v1/partners/ours/").json()
    assert all(isinstance(link, str) for link in detail["social_links"])
    client.force_login(member)
    edit = client.get(reverse("partners:partner-edit", kwargs={"slug": "ours"}))
    assert edit.status_code == 200
    staff = StaffFactory(is_superuser=True)
    client.force_login(staff)
    assert client.get(reverse("partners:csv-export")).status_code == 200
    assert (
        client.get(reverse("admin:partners_partner_change", args=[partner.pk])).status_code == 200
    )
    token_client = APIClient()
    token_client.force_authenticate(member)
    patched = token_client.patch("/api/v1/partners/ours/", {"description": "Still works"})
    assert patched.status_code in {200, 400}, patched.content
    json.dumps(patched.json())
