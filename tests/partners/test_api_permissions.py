"""Permission matrix of the partner API: five personas against every endpoint.

Each refusal also asserts that nothing changed in the database.
"""

from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from partners.models import Commitment, Membership, Partner
from tests.factories import MembershipFactory, PartnerFactory, StaffFactory, UserFactory

PERSONAS = ["anonymous", "outsider", "editor", "partner_admin", "staff"]
REFUSED_ANONYMOUS = {401, 403}


@pytest.fixture
def world(db):
    partner = PartnerFactory(slug="ours", description="Original description.")
    other = PartnerFactory(slug="theirs")
    users = {
        "outsider": MembershipFactory(partner=other, role=Membership.Role.ADMIN).user,
        "editor": MembershipFactory(partner=partner, role=Membership.Role.EDITOR).user,
        "partner_admin": MembershipFactory(partner=partner, role=Membership.Role.ADMIN).user,
        "staff": StaffFactory(),
    }
    return partner, users


def _client(world, persona):
    client = APIClient()
    if persona != "anonymous":
        token = Token.objects.create(user=world[1][persona])
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def _snapshot(partner):
    row = Partner.objects.values().get(pk=partner.pk)
    return row, partner.history.count()


def _assert_refused(response, persona):
    expected = REFUSED_ANONYMOUS if persona == "anonymous" else {403}
    assert response.status_code in expected, response.content


@pytest.mark.parametrize("persona", PERSONAS)
def test_list_and_retrieve_are_public(world, persona):
    client = _client(world, persona)
    assert client.get("/api/v1/partners/").status_code == 200
    assert client.get("/api/v1/partners/ours/").status_code == 200
    assert client.get("/api/v1/partners/ours/commitments/").status_code == 200
    assert client.get("/api/v1/partners/geojson/").status_code == 200


ALLOWED_PATCH = {"editor", "partner_admin", "staff"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_patch_profile(world, persona):
    partner, _ = world
    before = _snapshot(partner)
    response = _client(world, persona).patch(
        "/api/v1/partners/ours/", {"description": "Changed by API."}, format="json"
    )
    if persona in ALLOWED_PATCH:
        assert response.status_code == 200, response.content
        assert response.json()["description"] == "Changed by API."
        partner.refresh_from_db()
        assert partner.description == "Changed by API."
        last = partner.history.first()
        assert last.history_user == world[1][persona]
    else:
        _assert_refused(response, persona)
        assert _snapshot(partner) == before


@pytest.mark.parametrize("persona", PERSONAS)
def test_patch_publication_is_staff_only(world, persona):
    partner, _ = world
    before = _snapshot(partner)
    response = _client(world, persona).patch(
        "/api/v1/partners/ours/", {"is_published": False}, format="json"
    )
    if persona == "staff":
        assert response.status_code == 200
        partner.refresh_from_db()
        assert partner.is_published is False
    else:
        _assert_refused(response, persona)
        assert _snapshot(partner) == before


def test_patch_validation_error_changes_nothing(world):
    partner, _ = world
    before = _snapshot(partner)
    response = _client(world, "editor").patch(
        "/api/v1/partners/ours/",
        {"website": "not a url", "description": "x"},
        format="json",
    )
    assert response.status_code == 400
    assert "website" in response.json()
    assert _snapshot(partner) == before


def test_patch_unknown_partner_is_404(world):
    response = _client(world, "staff").patch(
        "/api/v1/partners/nope/", {"description": "x"}, format="json"
    )
    assert response.status_code == 404


def test_editor_can_patch_unpublished_own_partner(world):
    partner, _ = world
    Partner.objects.filter(pk=partner.pk).update(is_published=False)
    response = _client(world, "editor").patch(
        "/api/v1/partners/ours/", {"description": "Draft text."}, format="json"
    )
    assert response.status_code == 200
    assert Partner.objects.get(pk=partner.pk).description == "Draft text."


def test_patch_with_session_auth(world):
    client = APIClient()
    client.force_login(world[1]["editor"])
    response = client.patch("/api/v1/partners/ours/", {"city": "Tijuana"}, format="json")
    assert response.status_code == 200
    assert Partner.objects.get(slug="ours").city == "Tijuana"


@pytest.mark.parametrize("persona", PERSONAS)
def test_create_is_staff_only(world, persona):
    count = Partner.objects.count()
    response = _client(world, persona).post(
        "/api/v1/partners/",
        {"name": "New Org", "country": "GT", "city": "Guatemala City", "focus_areas": []},
        format="json",
    )
    if persona == "staff":
        assert response.status_code == 201, response.content
        created = Partner.objects.get(slug=response.json()["slug"])
        assert created.name == "New Org"
        assert created.is_published is False
    else:
        _assert_refused(response, persona)
        assert Partner.objects.count() == count


@pytest.mark.parametrize("persona", PERSONAS)
def test_approve_is_staff_only(world, persona):
    partner, _ = world
    Partner.objects.filter(pk=partner.pk).update(is_published=False, approved_at=None)
    partner.refresh_from_db()
    before = _snapshot(partner)
    response = _client(world, persona).post("/api/v1/partners/ours/approve/")
    partner.refresh_from_db()
    if persona == "staff":
        assert response.status_code == 200
        assert partner.is_published is True
        assert partner.approved_at is not None
    else:
        _assert_refused(response, persona)
        assert _snapshot(partner) == before


ALLOWED_COMMITMENT = {"editor", "partner_admin", "staff"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_create_commitment(world, persona):
    partner, _ = world
    response = _client(world, persona).post(
        "/api/v1/partners/ours/commitments/",
        {"kind": "advocacy", "text": "Lobby parliament.", "target_country": "US"},
        format="json",
    )
    if persona in ALLOWED_COMMITMENT:
        assert response.status_code == 201, response.content
        assert response.json()["text"] == "Lobby parliament."
        assert Commitment.objects.filter(partner=partner).count() == 1
    else:
        _assert_refused(response, persona)
        assert Commitment.objects.count() == 0


def test_commitment_validation_error(world):
    response = _client(world, "editor").post(
        "/api/v1/partners/ours/commitments/", {"kind": "nonsense", "text": ""}, format="json"
    )
    assert response.status_code == 400
    assert {"kind", "text"} <= set(response.json())
    assert Commitment.objects.count() == 0


@pytest.mark.parametrize("persona", PERSONAS)
def test_me(world, persona):
    response = _client(world, persona).get("/api/v1/me/")
    if persona == "anonymous":
        assert response.status_code in REFUSED_ANONYMOUS
        return
    assert response.status_code == 200
    body = response.json()
    user = world[1][persona]
    assert body["username"] == user.username
    assert body["is_staff"] is (persona == "staff")
    roles = {m["partner"]: m["role"] for m in body["memberships"]}
    expected = {
        "outsider": {"theirs": "admin"},
        "editor": {"ours": "editor"},
        "partner_admin": {"ours": "admin"},
        "staff": {},
    }[persona]
    assert roles == expected


def test_put_and_delete_are_not_offered(world):
    client = _client(world, "staff")
    assert client.put("/api/v1/partners/ours/", {}, format="json").status_code == 405
    assert client.delete("/api/v1/partners/ours/").status_code == 405
    assert Partner.objects.filter(slug="ours").exists()


def test_user_without_membership_is_an_outsider_too(db):
    PartnerFactory(slug="ours")
    client = APIClient()
    client.force_authenticate(UserFactory())
    response = client.patch("/api/v1/partners/ours/", {"name": "Hijacked"}, format="json")
    assert response.status_code == 403
    assert Partner.objects.get(slug="ours").name != "Hijacked"
