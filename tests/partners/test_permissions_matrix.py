"""Every partner HTML page against five personas: anonymous, outsider member (member of another
partner), editor, partner admin and staff. Refusals must leave the database unchanged."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.urls import reverse

from partners.models import Commitment, CommitmentUpdate, Invitation, Membership, Partner
from tests.factories import (
    CommitmentFactory,
    InvitationFactory,
    MembershipFactory,
    PartnerFactory,
    StaffFactory,
    UserFactory,
)
from tests.partners.factories import JoinRequestFactory

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "outsider", "editor", "admin", "staff"]


@dataclass
class World:
    partner: Partner
    users: dict
    commitment: Commitment
    editor_membership: Membership
    invitation: Invitation


@pytest.fixture
def world() -> World:
    partner = PartnerFactory(name="Target Org", slug="target", is_published=False)
    other = PartnerFactory(slug="other")
    outsider = UserFactory(username="outsider")
    MembershipFactory(user=outsider, partner=other, role=Membership.Role.ADMIN)
    editor = UserFactory(username="editor")
    editor_membership = MembershipFactory(user=editor, partner=partner, role="editor")
    admin = UserFactory(username="padmin")
    MembershipFactory(user=admin, partner=partner, role="admin")
    staff = StaffFactory(username="staff")
    return World(
        partner=partner,
        users={
            "anonymous": None,
            "outsider": outsider,
            "editor": editor,
            "admin": admin,
            "staff": staff,
        },
        commitment=CommitmentFactory(partner=partner),
        editor_membership=editor_membership,
        invitation=InvitationFactory(partner=partner),
    )


def snapshot(w: World) -> tuple:
    p = Partner.objects.get(pk=w.partner.pk)
    c = Commitment.objects.get(pk=w.commitment.pk)
    i = Invitation.objects.get(pk=w.invitation.pk)
    from rest_framework.authtoken.models import Token

    from partners.models import JoinRequest

    return (
        p.name,
        p.description,
        p.is_published,
        p.updated_at,
        c.text,
        c.status,
        Commitment.objects.count(),
        CommitmentUpdate.objects.count(),
        sorted(Membership.objects.values_list("pk", "role")),
        Invitation.objects.count(),
        i.revoked_at,
        sorted(JoinRequest.objects.values_list("pk", "status")),
        Token.objects.count(),
    )


# (name, method, url builder, post data, {persona: expected status})
# The target partner is unpublished: to an outsider it is indistinguishable from a missing slug
# (404, issue 7 #10); staff-only pages still answer 403.
OK_EDIT = {"anonymous": 302, "outsider": 404, "editor": 200, "admin": 200, "staff": 200}
OK_ADMIN = {"anonymous": 302, "outsider": 404, "editor": 403, "admin": 200, "staff": 200}
OK_STAFF = {"anonymous": 302, "outsider": 403, "editor": 403, "admin": 403, "staff": 200}
OK_PREVIEW = {"anonymous": 404, "outsider": 404, "editor": 200, "admin": 200, "staff": 200}

PAGES = [
    (
        "edit",
        "get",
        lambda w: reverse("partners:partner-edit", kwargs={"slug": "target"}),
        None,
        OK_EDIT,
    ),
    (
        "history",
        "get",
        lambda w: reverse("partners:partner-history", kwargs={"slug": "target"}),
        None,
        OK_EDIT,
    ),
    (
        "commitments",
        "get",
        lambda w: reverse("partners:commitment-list", kwargs={"slug": "target"}),
        None,
        OK_EDIT,
    ),
    (
        "commitment-edit",
        "get",
        lambda w: reverse(
            "partners:commitment-edit", kwargs={"slug": "target", "pk": w.commitment.pk}
        ),
        None,
        OK_EDIT,
    ),
    (
        "members",
        "get",
        lambda w: reverse("partners:membership-list", kwargs={"slug": "target"}),
        None,
        OK_ADMIN,
    ),
    (
        "preview",
        "get",
        lambda w: reverse("partners:partner-detail", kwargs={"slug": "target"}),
        None,
        OK_PREVIEW,
    ),
    ("moderation", "get", lambda w: reverse("partners:moderation-queue"), None, OK_STAFF),
]

# Writes: refused personas must change nothing; allowed ones redirect (302) after success.
WRITE_EDIT = {"anonymous": 302, "outsider": 404, "editor": 302, "admin": 302, "staff": 302}
WRITE_ADMIN = {"anonymous": 302, "outsider": 404, "editor": 403, "admin": 302, "staff": 302}
WRITE_STAFF = {"anonymous": 302, "outsider": 403, "editor": 403, "admin": 403, "staff": 302}

WRITES = [
    (
        "edit",
        lambda w: reverse("partners:partner-edit", kwargs={"slug": "target"}),
        lambda w: {"name": "Renamed", "kind": "ngo", "country": "MX", "description": "new"},
        WRITE_EDIT,
    ),
    (
        "commitment-add",
        lambda w: reverse("partners:commitment-list", kwargs={"slug": "target"}),
        lambda w: {"kind": "advocacy", "text": "New", "status": "pledged"},
        WRITE_EDIT,
    ),
    (
        "commitment-update",
        lambda w: reverse(
            "partners:commitment-edit", kwargs={"slug": "target", "pk": w.commitment.pk}
        ),
        lambda w: {"form": "update", "date": "2025-01-01", "status": "fulfilled", "text": "Done"},
        WRITE_EDIT,
    ),
    (
        "invite",
        lambda w: reverse("partners:membership-list", kwargs={"slug": "target"}),
        lambda w: {"email": "new@example.org", "role": "editor"},
        WRITE_ADMIN,
    ),
    (
        "remove-editor",
        lambda w: reverse(
            "partners:membership-remove", kwargs={"slug": "target", "pk": w.editor_membership.pk}
        ),
        lambda w: {},
        WRITE_ADMIN,
    ),
    (
        "revoke-invitation",
        lambda w: reverse(
            "partners:invitation-revoke", kwargs={"slug": "target", "pk": w.invitation.pk}
        ),
        lambda w: {},
        WRITE_ADMIN,
    ),
    (
        "moderate",
        lambda w: reverse("partners:join-request-decide", kwargs={"pk": w.join_request_pk}),
        lambda w: {"decision": "reject", "note": "no"},
        WRITE_STAFF,
    ),
]


def _login(client, w, persona):
    user = w.users[persona]
    if user is not None:
        client.force_login(user)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("name", "method", "url", "data", "expected"), PAGES, ids=[p[0] for p in PAGES]
)
def test_page_access(client, world, persona, name, method, url, data, expected):
    _login(client, world, persona)
    before = snapshot(world)
    response = client.get(url(world))
    assert response.status_code == expected[persona]
    if expected[persona] == 302:
        assert "/accounts/login/" in response["Location"]
    assert snapshot(world) == before


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("name", "url", "data", "expected"), WRITES, ids=[w[0] for w in WRITES])
def test_write_access(client, world, persona, name, url, data, expected, mailoutbox):
    world.join_request_pk = JoinRequestFactory().pk  # type: ignore[attr-defined]
    _login(client, world, persona)
    before = snapshot(world)
    response = client.post(url(world), data(world))
    assert response.status_code == expected[persona], response.content[:500]
    if expected[persona] == 302 and persona == "anonymous":
        assert "/accounts/login/" in response["Location"]
    refused = persona == "anonymous" or expected[persona] in {403, 404}
    if refused:
        assert snapshot(world) == before
        assert mailoutbox == []
    else:
        assert snapshot(world) != before


@pytest.mark.parametrize("persona", PERSONAS)
def test_tokens_page_is_per_user(client, world, persona):
    _login(client, world, persona)
    response = client.post(reverse("partners:member-tokens"), {"action": "create"})
    from rest_framework.authtoken.models import Token

    if persona == "anonymous":
        assert response.status_code == 302
        assert Token.objects.count() == 0
    else:
        assert response.status_code == 200
        token = Token.objects.get()
        assert token.user == world.users[persona]
        assert token.key in response.content.decode()
        # The key is shown once: the next GET only says a token exists.
        page = client.get(reverse("partners:member-tokens")).content.decode()
        assert token.key not in page
        client.post(reverse("partners:member-tokens"), {"action": "revoke"})
        assert Token.objects.count() == 0


def test_missing_slug_is_404_for_members(client, world):
    client.force_login(world.users["editor"])
    assert client.get(reverse("partners:partner-edit", kwargs={"slug": "nope"})).status_code == 404
