from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from partners.models import Partner
from tests.factories import PartnerFactory, StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    # Messages are asserted in English; the admin URLs carry the language prefix.
    from django.utils import translation

    with translation.override("en"):
        yield


def _admin_client(client):
    staff = StaffFactory(is_superuser=True)
    client.force_login(staff)
    return client


def _form_data(partner: Partner, **changes):
    data = {
        "name": partner.name,
        "slug": partner.slug,
        "kind": partner.kind,
        "description": partner.description,
        "country": str(partner.country),
        "city": partner.city,
        "address_1": partner.address_1,
        "social_links": "[]",
        "location_source": partner.location_source,
        "is_published": "on",
        "show_address": "on",
        "show_email": "on",
        "show_phone": "on",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "commitments-TOTAL_FORMS": "0",
        "commitments-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return data


def test_moving_a_partner_in_the_admin_geocodes_it_again(
    client, django_capture_on_commit_callbacks
):
    partner = PartnerFactory(city="Quito", country="EC", address_1="")
    client = _admin_client(client)
    url = reverse("admin:partners_partner_change", args=[partner.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, _form_data(partner, city="Guayaquil"))
    assert response.status_code == 302, response.content.decode()[:2000]
    partner.refresh_from_db()
    assert partner.city == "Guayaquil"
    assert partner.geocode_status == Partner.GeocodeStatus.OK
    assert round(partner.latitude, 0) == Decimal("-2")


def test_admin_save_leaves_a_manual_location_alone(client, django_capture_on_commit_callbacks):
    partner = PartnerFactory(
        city="Quito",
        country="EC",
        latitude=Decimal("1.5"),
        longitude=Decimal("2.5"),
        location_source=Partner.LocationSource.MANUAL,
        geocode_status=Partner.GeocodeStatus.MANUAL,
    )
    client = _admin_client(client)
    url = reverse("admin:partners_partner_change", args=[partner.pk])
    data = _form_data(partner, city="Guayaquil", latitude="1.5", longitude="2.5")
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, data).status_code == 302
    partner.refresh_from_db()
    assert (partner.latitude, partner.longitude) == (Decimal("1.5"), Decimal("2.5"))
    assert partner.geocode_status == Partner.GeocodeStatus.MANUAL


@pytest.mark.parametrize(
    "value", ["5", "true", '{"https://x.example.org/": 1}', '["ftp://x.org/"]']
)
def test_admin_refuses_bad_social_links(client, value):
    partner = PartnerFactory(social_links=["https://ok.example.org/"])
    client = _admin_client(client)
    url = reverse("admin:partners_partner_change", args=[partner.pk])
    response = client.post(url, _form_data(partner, social_links=value))
    assert response.status_code == 200
    assert "social_links" in response.context["adminform"].form.errors
    partner.refresh_from_db()
    assert partner.social_links == ["https://ok.example.org/"]


# --- Writes go through the services (issue 7, "one shared core") -----------------------------


def test_admin_cannot_delete_a_partners_last_admin(client):
    from partners.models import Membership
    from tests.factories import MembershipFactory

    membership = MembershipFactory(role=Membership.Role.ADMIN)
    client = _admin_client(client)
    url = reverse("admin:partners_membership_delete", args=[membership.pk])
    response = client.post(url, {"post": "yes"}, follow=True)
    assert response.status_code == 200
    assert "at least one admin" in response.content.decode()
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_admin_bulk_delete_cannot_remove_the_last_admin(client):
    from partners.models import Membership
    from tests.factories import MembershipFactory

    membership = MembershipFactory(role=Membership.Role.ADMIN)
    client = _admin_client(client)
    response = client.post(
        reverse("admin:partners_membership_changelist"),
        {"action": "delete_selected", "_selected_action": [membership.pk], "post": "yes"},
        follow=True,
    )
    assert "at least one admin" in response.content.decode()
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_admin_cannot_demote_the_last_admin_but_can_with_another(client):
    from partners.models import Membership
    from tests.factories import MembershipFactory

    membership = MembershipFactory(role=Membership.Role.ADMIN)
    client = _admin_client(client)
    url = reverse("admin:partners_membership_change", args=[membership.pk])
    response = client.post(url, {"role": "editor"}, follow=True)
    assert "at least one admin" in response.content.decode()
    membership.refresh_from_db()
    assert membership.role == "admin"

    MembershipFactory(partner=membership.partner, role=Membership.Role.ADMIN)
    response = client.post(url, {"role": "editor"})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == "editor"


def test_partner_page_membership_inline_is_read_only(client):
    from partners.models import Membership
    from tests.factories import MembershipFactory

    membership = MembershipFactory(role=Membership.Role.ADMIN)
    partner = membership.partner
    client = _admin_client(client)
    url = reverse("admin:partners_partner_change", args=[partner.pk])
    data = _form_data(
        partner,
        **{
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "1",
            "memberships-0-id": str(membership.pk),
            "memberships-0-partner": str(partner.pk),
            "memberships-0-DELETE": "on",
        },
    )
    client.post(url, data)
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_an_update_added_in_the_admin_sets_the_commitment_status(client):
    from partners.models import Commitment
    from tests.factories import CommitmentFactory

    commitment = CommitmentFactory(status=Commitment.Status.PLEDGED)
    client = _admin_client(client)
    url = reverse("admin:partners_commitment_change", args=[commitment.pk])
    response = client.post(
        url,
        {
            "kind": commitment.kind,
            "text": commitment.text,
            "target_country": "",
            "treaty": "",
            "due_on": "",
            "status": commitment.status,
            "updates-TOTAL_FORMS": "1",
            "updates-INITIAL_FORMS": "0",
            "updates-0-date": "2026-01-15",
            "updates-0-status": "fulfilled",
            "updates-0-text": "Ratified!",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    commitment.refresh_from_db()
    assert commitment.status == "fulfilled"
    update = commitment.updates.get()
    assert update.text == "Ratified!"
    assert update.created_by is not None


def test_partner_created_in_the_admin_goes_through_the_service(
    client, django_capture_on_commit_callbacks
):
    client = _admin_client(client)
    data = _form_data(
        PartnerFactory.build(name="Admin Made", slug="admin-made", city="Quito", country="EC")
    )
    data.pop("is_published")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:partners_partner_add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    partner = Partner.objects.get(slug="admin-made")
    assert partner.is_published is False
    assert partner.geocode_status == Partner.GeocodeStatus.OK  # geocoded after commit
    assert partner.history.last().history_user is not None  # the creation record


def test_join_requests_are_decided_by_the_admin_actions_not_edited(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    from partners.models import Invitation, JoinRequest
    from tests.partners.factories import JoinRequestFactory

    join_request = JoinRequestFactory(organisation_name="Via Admin")
    client = _admin_client(client)
    change_url = reverse("admin:partners_joinrequest_change", args=[join_request.pk])
    client.post(change_url, {"organisation_name": "Renamed", "status": "approved"})
    join_request.refresh_from_db()
    assert (join_request.organisation_name, join_request.status) == ("Via Admin", "pending")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:partners_joinrequest_changelist"),
            {"action": "approve", "_selected_action": [join_request.pk]},
            HTTP_HOST="127.0.0.1:8101",
        )
    assert response.status_code == 302
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.APPROVED
    token = Invitation.objects.get(partner__name="Via Admin").token
    assert any(f"http://127.0.0.1:8101/en/invitations/{token}/" in m.body for m in mailoutbox)


def test_invitations_are_revoked_by_the_action_not_edited(client):
    from tests.factories import InvitationFactory

    invitation = InvitationFactory()
    client = _admin_client(client)
    url = reverse("admin:partners_invitation_change", args=[invitation.pk])
    client.post(url, {"email": "other@example.org", "role": "admin"})
    invitation.refresh_from_db()
    assert invitation.email != "other@example.org"
    response = client.post(
        reverse("admin:partners_invitation_changelist"),
        {"action": "revoke", "_selected_action": [invitation.pk]},
    )
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None


def test_focus_area_added_in_the_admin_is_saved_through_the_service(client, monkeypatch):
    from partners.models import FocusArea
    from partners.services import vocabularies

    calls = []
    real = vocabularies.vocabulary_entry_save
    monkeypatch.setattr(
        "partners.admin.vocabulary_entry_save", lambda **kw: calls.append(1) or real(**kw)
    )
    client = _admin_client(client)
    response = client.post(
        reverse("admin:partners_focusarea_add"),
        {"name": "Climate mobility", "name_es": "Movilidad climática", "slug": "climate-mobility"},
    )
    assert response.status_code == 302
    assert FocusArea.objects.filter(slug="climate-mobility").exists()
    assert calls == [1]
