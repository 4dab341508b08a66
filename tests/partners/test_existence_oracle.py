"""Issue 7 #10: a signed-in outsider cannot tell an unpublished partner from a missing one.

Both answer 404 on every member page and API write; a published partner (whose existence is
public anyway) still answers 403.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from partners.models import Membership, Partner
from tests.factories import MembershipFactory, PartnerFactory, UserFactory

pytestmark = pytest.mark.django_db

MEMBER_PAGES = [
    "partners:partner-edit",
    "partners:partner-history",
    "partners:commitment-list",
    "partners:membership-list",
]


@pytest.fixture
def outsider():
    other = PartnerFactory(slug="theirs")
    return MembershipFactory(partner=other, role=Membership.Role.ADMIN).user


@pytest.mark.parametrize("name", MEMBER_PAGES)
def test_html_unpublished_and_missing_answer_the_same_404(client, outsider, name):
    PartnerFactory(slug="draft", is_published=False)
    client.force_login(outsider)
    draft = client.get(reverse(name, kwargs={"slug": "draft"}))
    missing = client.get(reverse(name, kwargs={"slug": "no-such-partner"}))
    assert draft.status_code == missing.status_code == 404
    post = client.post(reverse(name, kwargs={"slug": "draft"}), {"name": "Taken over"})
    assert post.status_code == 404
    assert Partner.objects.get(slug="draft").name != "Taken over"


def test_html_published_partner_still_refuses_with_403(client, outsider):
    PartnerFactory(slug="public")
    client.force_login(outsider)
    response = client.get(reverse("partners:partner-edit", kwargs={"slug": "public"}))
    assert response.status_code == 403


def test_api_unpublished_and_missing_answer_the_same_404(outsider):
    PartnerFactory(slug="draft", is_published=False, description="Before")
    api = APIClient()
    api.force_authenticate(outsider)
    draft = api.patch("/api/v1/partners/draft/", {"description": "x"}, format="json")
    missing = api.patch("/api/v1/partners/no-such/", {"description": "x"}, format="json")
    assert draft.status_code == missing.status_code == 404
    assert draft.json() == missing.json()
    post = api.post("/api/v1/partners/draft/commitments/", {"kind": "advocacy", "text": "x"})
    assert post.status_code == 404
    assert Partner.objects.get(slug="draft").description == "Before"


def test_a_member_of_an_unpublished_partner_still_gets_in(client):
    partner = PartnerFactory(slug="draft", is_published=False)
    user = UserFactory()
    MembershipFactory(partner=partner, user=user, role=Membership.Role.EDITOR)
    client.force_login(user)
    assert client.get(reverse("partners:partner-edit", kwargs={"slug": "draft"})).status_code == 200
    # An editor knows the partner exists: a partner-admin page is a plain 403.
    members = client.get(reverse("partners:membership-list", kwargs={"slug": "draft"}))
    assert members.status_code == 403
