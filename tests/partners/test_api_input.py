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
