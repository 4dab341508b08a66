"""Hostile request bodies against the partner API writes: every refusal is a 4xx with a message
and leaves the database as it was (issue 7)."""

from __future__ import annotations

import json

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from partners.models import Membership, Partner
from tests.factories import MembershipFactory, PartnerFactory, StaffFactory


def _token_client(user) -> APIClient:
    client = APIClient()
    token = Token.objects.create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def partner(db):
    return PartnerFactory(slug="ours", social_links=["https://social.example.org/ours"])


@pytest.fixture
def editor(partner):
    return _token_client(MembershipFactory(partner=partner, role=Membership.Role.EDITOR).user)


@pytest.fixture
def staff(db):
    return _token_client(StaffFactory())


def _row(partner):
    return Partner.objects.values().get(pk=partner.pk)


# --- Defect 16: non-object bodies ------------------------------------------------------------


NON_OBJECT_BODIES = ["true", "5", "null", "[{}]", '"text"', "[]"]


@pytest.mark.parametrize("body", NON_OBJECT_BODIES)
def test_patch_with_a_non_object_json_body_is_a_400(partner, editor, body):
    before = _row(partner)
    response = editor.patch("/api/v1/partners/ours/", data=body, content_type="application/json")
    assert response.status_code == 400, response.content
    assert "object" in json.dumps(response.json()).lower()
    assert _row(partner) == before


@pytest.mark.parametrize("body", NON_OBJECT_BODIES)
def test_create_with_a_non_object_json_body_is_a_400(staff, body):
    count = Partner.objects.count()
    response = staff.post("/api/v1/partners/", data=body, content_type="application/json")
    assert response.status_code == 400, response.content
    assert Partner.objects.count() == count


@pytest.mark.parametrize("body", NON_OBJECT_BODIES)
def test_commitment_post_with_a_non_object_json_body_is_a_400(partner, editor, body):
    response = editor.post(
        "/api/v1/partners/ours/commitments/", data=body, content_type="application/json"
    )
    assert response.status_code == 400, response.content
    assert partner.commitments.count() == 0


def test_form_encoded_null_social_links_is_a_400_not_a_constraint_error(partner, editor):
    before = _row(partner)
    response = editor.patch(
        "/api/v1/partners/ours/",
        data="social_links=null",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400, response.content
    assert "social_links" in response.json()
    assert _row(partner) == before


def test_json_null_social_links_is_a_400(partner, editor):
    before = _row(partner)
    response = editor.patch("/api/v1/partners/ours/", {"social_links": None}, format="json")
    assert response.status_code == 400, response.content
    assert "social_links" in response.json()
    assert _row(partner) == before


# --- Defect 5: body size and text lengths ------------------------------------------------------


def test_a_json_body_over_the_limit_is_a_413_with_a_json_error(partner, editor, settings):
    settings.API_MAX_BODY_BYTES = 10_000
    before = _row(partner)
    body = json.dumps({"description": "x" * 20_000})
    response = editor.patch("/api/v1/partners/ours/", data=body, content_type="application/json")
    assert response.status_code == 413, response.content
    assert response["Content-Type"].startswith("application/json")
    assert "detail" in response.json()
    assert _row(partner) == before


def test_the_default_limit_refuses_a_25_mb_description(partner, editor):
    before = _row(partner)
    body = json.dumps({"description": "x" * (25 * 1024 * 1024)})
    response = editor.patch("/api/v1/partners/ours/", data=body, content_type="application/json")
    assert response.status_code == 413
    assert _row(partner) == before


def test_a_form_body_over_the_limit_is_a_413_too(partner, editor, settings):
    settings.API_MAX_BODY_BYTES = 1_000
    response = editor.patch(
        "/api/v1/partners/ours/",
        data="description=" + "x" * 5_000,
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 413


def test_description_is_limited_to_5000_characters(partner, editor):
    before = _row(partner)
    response = editor.patch("/api/v1/partners/ours/", {"description": "x" * 5001}, format="json")
    assert response.status_code == 400, response.content
    assert "description" in response.json()
    assert _row(partner) == before
    response = editor.patch("/api/v1/partners/ours/", {"description": "é" * 5000}, format="json")
    assert response.status_code == 200, response.content
    assert len(Partner.objects.get(pk=partner.pk).description) == 5000


def test_commitment_text_has_a_maximum_length(partner, editor):
    response = editor.post(
        "/api/v1/partners/ours/commitments/",
        {"kind": "advocacy", "text": "x" * 5001},
        format="json",
    )
    assert response.status_code == 400, response.content
    assert "text" in response.json()
    assert partner.commitments.count() == 0
