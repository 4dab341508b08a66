"""Every 400 the API gives has the body its OpenAPI schema documents.

`GET /api/v1/actions/?search=<text with NUL>` answered a JSON *list*, where the schema promises an
object (`ValidationError`: field name → messages, or `detail`). This walks requests that are
refused for different reasons (query parameters, unreadable bodies, serializers, services) on
every part of the API and checks each body against the schema the API itself serves.
"""

from __future__ import annotations

import jsonschema
import pytest
from rest_framework.test import APIClient

from campaigns.models import Campaign
from tests.campaigns.factories import CampaignFactory
from tests.factories import MembershipFactory, PartnerFactory, StaffFactory, TreatyFactory

pytestmark = pytest.mark.django_db

PLEDGE = {"kind": "individual", "name": "Ana", "country": "MX", "email": "ana@example.net"}
ACTIVITY = {
    "title": "Vigil",
    "starts_at": "2026-12-18T18:00",
    "timezone": "America/Los_Angeles",
    "city": "Los Angeles",
    "country": "US",
    "language": "en",
}


@pytest.fixture
def validation_error_schema():
    response = APIClient().get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    assert schema["components"]["schemas"]["ValidationError"]["type"] == "object"
    # The component as a self-contained schema (it refers to nothing else).
    return schema["components"]["schemas"]["ValidationError"]


@pytest.fixture
def setting():
    treaty = TreatyFactory()
    campaign = CampaignFactory()
    day = CampaignFactory(kind=Campaign.Kind.DAY_OF_ACTION)
    membership = MembershipFactory()
    return {
        "treaty": treaty.slug,
        "pledges": f"/api/v1/campaigns/{campaign.slug}/pledges/",
        "activities": f"/api/v1/campaigns/{day.slug}/activities/",
        "member": membership.user,
        "partner": membership.partner.slug,
        "other_partner": PartnerFactory().slug,
        "staff": StaffFactory(),
    }


def _requests(s):
    """(description, who, method, path, body or query, content type) of refused requests."""
    json = "application/json"
    form = "application/x-www-form-urlencoded"
    return [
        ("search with NUL (actions)", None, "get", "/api/v1/actions/", {"search": "a\x00b"}, None),
        ("search with NUL (partners)", None, "get", "/api/v1/partners/", {"search": "\x00"}, None),
        (
            "search with NUL (map)",
            None,
            "get",
            "/api/v1/partners/geojson/",
            {"search": "\x00"},
            None,
        ),
        ("bad bbox", None, "get", "/api/v1/partners/", {"bbox": "1,2,3"}, None),
        ("bad date filter", None, "get", "/api/v1/actions/", {"date_after": "soon"}, None),
        ("unknown kind", None, "get", "/api/v1/campaigns/", {"kind": "bogus"}, None),
        (
            "bad as_of",
            None,
            "get",
            f"/api/v1/treaties/{s['treaty']}/participants/",
            {"as_of": "tomorrow"},
            None,
        ),
        ("deep JSON", None, "post", s["pledges"], "[" * 5000, json),
        ("not an object", None, "post", s["pledges"], "true", json),
        ("not JSON", None, "post", s["pledges"], "{name: ", json),
        ("NUL in JSON", None, "post", s["pledges"], '{"name": "a\\u0000"}', json),
        ("NUL in a form", None, "post", s["pledges"], "name=a%00b", form),
        ("missing fields", None, "post", s["pledges"], "{}", json),
        ("invisible name", None, "post", s["pledges"], {**PLEDGE, "name": "\u3164"}, json),
        ("bad e-mail", None, "post", s["pledges"], {**PLEDGE, "email": "ana@"}, json),
        (
            "zero-width space in the e-mail",
            None,
            "post",
            s["pledges"],
            {**PLEDGE, "email": "ana@ex\u200bample.org"},
            json,
        ),
        (
            "IP-literal e-mail",
            None,
            "post",
            s["pledges"],
            {**PLEDGE, "email": "ana@[127.0.0.1]"},
            json,
        ),
        (
            "year 10000",
            "member",
            "post",
            s["activities"],
            {**ACTIVITY, "partner": s["partner"], "starts_at": "9999-12-31T23:59"},
            json,
        ),
        (
            "offset +23:59",
            "member",
            "post",
            s["activities"],
            {**ACTIVITY, "partner": s["partner"], "starts_at": "2026-12-18T18:00+23:59"},
            json,
        ),
        (
            "unknown partner",
            "member",
            "post",
            s["activities"],
            {**ACTIVITY, "partner": "nobody-here"},
            json,
        ),
        ("partner without a name", "staff", "post", "/api/v1/partners/", {"country": "MX"}, json),
        ("bad treaty action", "staff", "post", "/api/v1/actions/", {"kind": "nonsense"}, json),
    ]


def test_every_400_has_the_documented_shape(setting, validation_error_schema):
    checked = []
    for description, who, method, path, payload, content_type in _requests(setting):
        api = APIClient()
        if who:
            api.force_authenticate(setting[who])
        if method == "get":
            response = api.get(path, payload)
        elif isinstance(payload, dict):
            response = api.post(path, payload, format="json")
        else:
            response = api.post(path, payload, content_type=content_type)
        assert response.status_code == 400, (description, response.status_code)
        body = response.json()
        assert isinstance(body, dict), (description, body)
        jsonschema.validate(body, validation_error_schema)
        checked.append(description)
    assert len(checked) == len(_requests(setting))


def test_the_search_error_names_its_parameter():
    response = APIClient().get("/api/v1/actions/", {"search": "a\x00b"})
    assert response.status_code == 400
    assert list(response.json()) == ["search"]
