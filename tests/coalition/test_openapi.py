"""The OpenAPI schema tells a client generator the truth about the API (issue 7, defect 17).

A schemathesis run found: no 400/401/403/404 documented anywhere; `/me/` declared as a list;
`approve` declared with the public shape; blank e-mails and URLs returned where `format: email/uri`
is declared; GeoJSON served as `application/geo+json` but declared `application/json`; public reads
of `/actions/` declared as needing authentication; enforced constraints missing. `.ci/schemathesis`
runs the property-based check itself against the live schema; these pin each finding.
"""

from __future__ import annotations

import pytest
from django.core.management import call_command
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema
from rest_framework.test import APIClient

from tests.factories import PartnerFactory, StaffFactory

pytestmark = pytest.mark.django_db

SAFE = {"get", "head", "options"}


@pytest.fixture
def schema():
    generated = SchemaGenerator().get_schema(request=None, public=True)
    validate_schema(generated)
    return generated


def _operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            yield path, method, operation


def _ref(response, media_type="application/json"):
    return response["content"][media_type]["schema"].get("$ref", "").rsplit("/", 1)[-1]


def test_every_operation_documents_its_errors(schema):
    for path, method, operation in _operations(schema):
        responses = operation["responses"]
        where = f"{method.upper()} {path}"
        # A bad token is refused on any operation; every operation is throttled.
        assert {"401", "429"} <= set(responses), where
        if method not in SAFE:
            assert {"400", "403"} <= set(responses), where
        if "{" in path:
            assert "404" in responses, where
        if "requestBody" in operation:
            assert "413" in responses, where
        if operation.get("parameters") and any(p["in"] == "query" for p in operation["parameters"]):
            assert "400" in responses, where
        for code in ("401", "403", "404", "413", "429"):
            if code in responses:
                assert _ref(responses[code]) == "Error", (where, code)
        if "400" in responses:
            assert _ref(responses["400"]) == "ValidationError", where
    error = schema["components"]["schemas"]["Error"]
    assert error["required"] == ["detail"]


def test_me_is_one_object_and_approve_returns_the_editor_shape(schema):
    me = schema["paths"]["/api/v1/me/"]["get"]["responses"]["200"]
    assert _ref(me) == "Me"
    approve = schema["paths"]["/api/v1/partners/{slug}/approve/"]["post"]["responses"]["200"]
    assert _ref(approve) == "PartnerEditor"


def test_blank_emails_and_urls_are_allowed_where_the_api_returns_them(schema):
    components = schema["components"]["schemas"]
    for component, field in (
        ("PartnerEditor", "email"),
        ("PartnerEditor", "website"),
        ("Treaty", "source_url"),
        ("TreatyAction", "source_url"),
        ("Me", "email"),
    ):
        prop = components[component]["properties"][field]
        assert "format" not in prop, (component, field)
        assert {"maxLength": 0} in prop["anyOf"], (component, field)


def test_geojson_is_declared_with_its_media_type_and_its_filters(schema):
    operation = schema["paths"]["/api/v1/partners/geojson/"]["get"]
    assert "application/geo+json" in operation["responses"]["200"]["content"]
    names = {p["name"] for p in operation["parameters"]}
    assert {"bbox", "country", "kind", "search"} <= names
    assert "page" not in names


def test_public_reads_are_declared_public(schema):
    # `security: []`: nothing required (not `[..., {}]`, which generators read as "required").
    for path in ("/api/v1/actions/", "/api/v1/actions/{id}/"):
        assert schema["paths"][path]["get"]["security"] == [], path
    assert schema["paths"]["/api/v1/campaigns/{slug}/pledges/"]["post"]["security"] == []
    for path, method in (
        ("/api/v1/actions/", "post"),
        ("/api/v1/me/", "get"),
        ("/api/v1/campaigns/{slug}/activities/", "post"),
    ):
        security = schema["paths"][path][method]["security"]
        assert security, (method, path)
        assert {} not in security, (method, path)


def test_every_operation_is_described_tagged_and_offered_as_json(schema):
    declared = {tag["name"] for tag in schema["tags"]}
    for path, method, operation in _operations(schema):
        where = f"{method.upper()} {path}"
        assert operation.get("description"), where
        assert set(operation["tags"]) <= declared, where
        if "requestBody" in operation:
            # One body type: client generators break on three (openapi-python-client did).
            assert list(operation["requestBody"]["content"]) == ["application/json"], where
    assert schema["servers"][0]["url"]
    # A Point or null, in a form validators and generators read alike (not `nullable` beside
    # an `allOf` with no type, which OpenAPI 3.0 does not allow).
    location = schema["components"]["schemas"]["PartnerPublic"]["properties"]["location"]
    assert "allOf" not in location
    assert location["oneOf"] == [
        {"$ref": "#/components/schemas/Point"},
        {"type": "object", "nullable": True, "enum": [None]},
    ]


def _param(schema, path, name, method="get"):
    params = schema["paths"][path][method]["parameters"]
    return next(p for p in params if p["name"] == name)["schema"]


def test_enforced_constraints_are_in_the_schema(schema):
    participants = "/api/v1/treaties/{slug}/participants/"
    assert _param(schema, participants, "region")["enum"] == [
        "Africa",
        "Americas",
        "Asia",
        "Europe",
        "Oceania",
    ]
    assert _param(schema, participants, "as_of")["pattern"].startswith("^(19|[2-9]")
    assert "pattern" in _param(schema, "/api/v1/partners/", "bbox")
    assert _param(schema, "/api/v1/countries/{iso2}/", "iso2")["pattern"] == "^[A-Za-z]{2}$"
    patch = schema["components"]["schemas"]["PatchedPartnerEditorRequest"]["properties"]
    assert "slug" not in patch  # read-only once created
    assert "together" in patch["latitude"]["description"]


def test_spectacular_reports_no_warnings():
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null")


def test_unknown_api_paths_get_a_json_404(settings):
    settings.DEBUG = False
    response = APIClient().get("/api/v1/countries/.exe/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not found."}


def test_live_approve_response_matches_the_declared_shape():
    staff = StaffFactory()
    partner = PartnerFactory(is_published=False, approved_at=None, email="", website="")
    api = APIClient()
    api.force_authenticate(staff)
    response = api.post(f"/api/v1/partners/{partner.slug}/approve/")
    assert response.status_code == 200
    assert {"show_email", "show_phone", "email", "website"} <= set(response.json())
