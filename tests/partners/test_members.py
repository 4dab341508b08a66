from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from partners.models import Invitation, Membership
from partners.services import members
from tests.factories import InvitationFactory, MembershipFactory, PartnerFactory, UserFactory

pytestmark = pytest.mark.django_db
SIGNUP = {
    "username": "newbie",
    "password1": "a-long-Unusual-pass-42",
    "password2": "a-long-Unusual-pass-42",
}


def test_invitation_email_contains_link(django_capture_on_commit_callbacks, mailoutbox):
    partner = PartnerFactory()
    with django_capture_on_commit_callbacks(execute=True):
        invitation = members.invitation_create(
            partner=partner, email="New@Example.org", role="admin", invited_by=None
        )
    assert invitation.email == "new@example.org"
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert f"/invitations/{invitation.token}/" in message.body
    assert message.alternatives
    assert f"/invitations/{invitation.token}/" in message.alternatives[0][0]


def test_accept_creates_user_and_lands_on_edit_page(client):
    invitation = InvitationFactory(role="admin")
    url = reverse("partners:invitation-accept", kwargs={"token": invitation.token})
    assert client.get(url).status_code == 200
    response = client.post(url, SIGNUP)
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "partners:partner-edit", kwargs={"slug": invitation.partner.slug}
    )
    user = get_user_model().objects.get(username="newbie")
    assert user.email == invitation.email
    assert Membership.objects.get(user=user).role == "admin"
    invitation.refresh_from_db()
    assert invitation.accepted_by == user
    # The session is signed in: the edit page opens.
    assert client.get(response["Location"]).status_code == 200


def test_invitation_cannot_be_reused(client):
    invitation = InvitationFactory()
    url = reverse("partners:invitation-accept", kwargs={"token": invitation.token})
    client.post(url, SIGNUP)
    client.logout()
    response = client.post(url, {**SIGNUP, "username": "second"})
    assert response.status_code == 200
    assert "already been accepted" in response.content.decode()
    assert not get_user_model().objects.filter(username="second").exists()
    assert Membership.objects.count() == 1


def test_expired_invitation_shows_clear_page(client):
    invitation = InvitationFactory(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    url = reverse("partners:invitation-accept", kwargs={"token": invitation.token})
    response = client.post(url, SIGNUP)
    assert response.status_code == 200
    assert "expired" in response.content.decode()
    assert Membership.objects.count() == 0
    assert not get_user_model().objects.filter(username="newbie").exists()


def test_revoked_invitation_cannot_be_used(client):
    invitation = members.invitation_revoke(invitation=InvitationFactory())
    response = client.post(
        reverse("partners:invitation-accept", kwargs={"token": invitation.token}), SIGNUP
    )
    assert "withdrawn" in response.content.decode()
    assert Membership.objects.count() == 0


def test_unknown_token_is_a_page_not_an_error(client):
    response = client.get(reverse("partners:invitation-accept", kwargs={"token": "nope"}))
    assert response.status_code == 200


def test_signed_in_user_with_matching_email_just_accepts(client):
    user = UserFactory(email="me@example.org")
    invitation = InvitationFactory(email="me@example.org")
    client.force_login(user)
    url = reverse("partners:invitation-accept", kwargs={"token": invitation.token})
    assert client.post(url).status_code == 302
    assert Membership.objects.filter(user=user, partner=invitation.partner).exists()


def test_signed_in_user_with_other_email_cannot_accept(client):
    client.force_login(UserFactory(email="someone@example.org"))
    invitation = InvitationFactory(email="me@example.org")
    client.post(reverse("partners:invitation-accept", kwargs={"token": invitation.token}))
    assert Membership.objects.count() == 0
    assert Invitation.objects.get(pk=invitation.pk).accepted_at is None


def test_weak_password_error_next_to_field(client):
    invitation = InvitationFactory()
    response = client.post(
        reverse("partners:invitation-accept", kwargs={"token": invitation.token}),
        {"username": "x", "password1": "123", "password2": "123"},
    )
    assert response.status_code == 200
    assert "password1" in response.context["form"].errors
    assert Membership.objects.count() == 0


def test_admin_invites_editor_and_removes_editor(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    partner = PartnerFactory()
    admin = UserFactory()
    MembershipFactory(user=admin, partner=partner, role="admin")
    editor_membership = MembershipFactory(partner=partner, role="editor")
    client.force_login(admin)
    url = reverse("partners:membership-list", kwargs={"slug": partner.slug})
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"email": "ed@example.org", "role": "editor"}).status_code == 302
    assert Invitation.objects.get(email="ed@example.org").role == "editor"
    assert len(mailoutbox) == 1
    client.post(
        reverse(
            "partners:membership-remove", kwargs={"slug": partner.slug, "pk": editor_membership.pk}
        )
    )
    assert not Membership.objects.filter(pk=editor_membership.pk).exists()
