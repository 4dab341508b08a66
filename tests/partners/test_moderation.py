from __future__ import annotations

import pytest
from django.urls import reverse

from partners.models import Invitation, JoinRequest, Partner
from tests.factories import PartnerFactory, StaffFactory, UserFactory
from tests.partners.factories import JoinRequestFactory

pytestmark = pytest.mark.django_db

JOIN = {
    "organisation_name": "New Org",
    "organisation_kind": "ngo",
    "country": "MX",
    "city": "Puebla",
    "contact_name": "Ana",
    "contact_email": "ana@example.org",
}


def test_public_join_creates_request(client):
    response = client.post(reverse("partners:partner-join"), JOIN)
    assert response.status_code == 302
    assert JoinRequest.objects.get().organisation_name == "New Org"


def test_honeypot_discards_silently(client):
    response = client.post(reverse("partners:partner-join"), {**JOIN, "website_url": "spam"})
    assert response.status_code == 302
    assert JoinRequest.objects.count() == 0


def test_throttle_per_ip(client, settings):
    settings.PARTNER_JOIN_REQUESTS_PER_HOUR = 2
    for _ in range(2):
        assert client.post(reverse("partners:partner-join"), JOIN).status_code == 302
    assert client.post(reverse("partners:partner-join"), JOIN).status_code == 429
    assert JoinRequest.objects.count() == 2


def test_claim_form(client):
    partner = PartnerFactory()
    response = client.post(
        reverse("partners:partner-claim", kwargs={"slug": partner.slug}),
        {"contact_name": "Bo", "contact_email": "bo@example.org"},
    )
    assert response.status_code == 302
    request = JoinRequest.objects.get()
    assert request.kind == "claim"
    assert request.partner == partner


def test_approve_join_creates_published_partner_invitation_and_emails(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    join_request = JoinRequestFactory(
        organisation_name="Approved Org", contact_email="a@example.org"
    )
    client.force_login(StaffFactory())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("partners:join-request-decide", kwargs={"pk": join_request.pk}),
            {"decision": "approve", "note": "Welcome"},
        )
    assert response.status_code == 302
    join_request.refresh_from_db()
    assert join_request.status == "approved"
    partner = Partner.objects.get(name="Approved Org")
    assert partner.is_published
    assert join_request.partner == partner
    invitation = Invitation.objects.get(partner=partner)
    assert invitation.role == "admin"
    assert invitation.email == "a@example.org"
    subjects = sorted(m.subject for m in mailoutbox)
    assert len(mailoutbox) == 2
    assert any("approved" in s for s in subjects)
    assert all(m.to == ["a@example.org"] for m in mailoutbox)


def test_approve_claim_invites_to_existing_partner(
    client, django_capture_on_commit_callbacks, mailoutbox
):
    partner = PartnerFactory()
    join_request = JoinRequestFactory(kind="claim", partner=partner)
    client.force_login(StaffFactory())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("partners:join-request-decide", kwargs={"pk": join_request.pk}),
            {"decision": "approve"},
        )
    assert Invitation.objects.get().partner == partner
    assert Partner.objects.count() == 1
    assert len(mailoutbox) == 2


def test_reject_emails_applicant(client, django_capture_on_commit_callbacks, mailoutbox):
    join_request = JoinRequestFactory()
    client.force_login(StaffFactory())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("partners:join-request-decide", kwargs={"pk": join_request.pk}),
            {"decision": "reject", "note": "Not a migrant-rights organisation"},
        )
    join_request.refresh_from_db()
    assert join_request.status == "rejected"
    assert len(mailoutbox) == 1
    assert "Not a migrant-rights organisation" in mailoutbox[0].body
    assert Invitation.objects.count() == 0


def test_non_staff_post_changes_nothing(client, mailoutbox):
    join_request = JoinRequestFactory()
    client.force_login(UserFactory())
    response = client.post(
        reverse("partners:join-request-decide", kwargs={"pk": join_request.pk}),
        {"decision": "approve"},
    )
    assert response.status_code == 403
    join_request.refresh_from_db()
    assert join_request.status == "pending"
    assert Partner.objects.count() == 0
    assert mailoutbox == []


def test_decided_request_cannot_be_decided_again(client):
    join_request = JoinRequestFactory(status="rejected")
    client.force_login(StaffFactory())
    client.post(
        reverse("partners:join-request-decide", kwargs={"pk": join_request.pk}),
        {"decision": "approve"},
    )
    assert Partner.objects.count() == 0


def test_newline_in_organisation_name_is_refused_at_the_join_form(client):
    # Issue 7, defect 3: the name ends up in an e-mail subject.
    response = client.post(
        reverse("partners:partner-join"), {**JOIN, "organisation_name": "Org\nBcc: x@y"}
    )
    assert response.status_code == 200
    assert "single line" in response.content.decode()
    assert JoinRequest.objects.count() == 0


def test_approving_a_legacy_name_with_a_newline_sends_a_single_line_subject(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    # Issue 7, defect 3: a request stored before names were checked. Approving it gave a 500
    # after commit (partner published, invitation made, no e-mail, retry "already decided").
    join_request = JoinRequestFactory(organisation_name="Org\nBcc: x@y", contact_email="a@b.org")
    client.force_login(StaffFactory())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("partners:join-request-decide", kwargs={"pk": join_request.pk}),
            {"decision": "approve"},
        )
    assert response.status_code == 302
    partner = Partner.objects.get()
    assert partner.name == "Org Bcc: x@y"
    assert Invitation.objects.get().partner == partner
    assert len(mailoutbox) == 2
    for message in mailoutbox:
        assert "\n" not in message.subject
        assert message.to == ["a@b.org"]
        assert message.bcc == []
        assert "x@y" not in message.message().get_all("Bcc", [])


def test_a_mail_server_outage_does_not_fail_the_decision(
    client, mailoutbox, django_capture_on_commit_callbacks, monkeypatch
):
    from django.core.mail.backends.locmem import EmailBackend

    def refuse(self, messages):
        raise ConnectionRefusedError("SMTP down")

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)
    join_request = JoinRequestFactory()
    client.force_login(StaffFactory())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("partners:join-request-decide", kwargs={"pk": join_request.pk}),
            {"decision": "reject"},
        )
    assert response.status_code == 302
    join_request.refresh_from_db()
    assert join_request.status == "rejected"


def test_invitation_link_uses_the_host_and_port_the_site_is_served_on(
    client, mailoutbox, django_capture_on_commit_callbacks, settings
):
    # Issue 7, defect 14: served on :8101, the e-mail linked to SITE_URL's :8000.
    settings.SITE_URL = "http://127.0.0.1:8000"
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    join_request = JoinRequestFactory()
    client.force_login(StaffFactory())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("partners:join-request-decide", kwargs={"pk": join_request.pk}),
            {"decision": "approve"},
            HTTP_HOST="127.0.0.1:8101",
        )
    invitation = Invitation.objects.get()
    bodies = "\n".join(m.body for m in mailoutbox)
    assert f"http://127.0.0.1:8101/en/invitations/{invitation.token}/" in bodies
    assert ":8000" not in bodies


def test_rotating_forwarded_for_does_not_reset_the_join_limit(client, settings):
    # Issue 7, defect 4: the join/claim limit uses core.http.client_address too.
    settings.PARTNER_JOIN_REQUESTS_PER_HOUR = 2
    settings.BEHIND_PROXY = False
    statuses = [
        client.post(
            reverse("partners:partner-join"), JOIN, HTTP_X_FORWARDED_FOR=f"10.0.0.{i}"
        ).status_code
        for i in range(4)
    ]
    assert statuses == [302, 302, 429, 429]
    assert JoinRequest.objects.count() == 2


def test_behind_a_proxy_each_real_client_has_its_own_join_limit(client, settings):
    settings.PARTNER_JOIN_REQUESTS_PER_HOUR = 1
    settings.BEHIND_PROXY, settings.NUM_PROXIES = True, 1
    url = reverse("partners:partner-join")
    assert client.post(url, JOIN, HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 302
    assert client.post(url, JOIN, HTTP_X_FORWARDED_FOR="9.9.9.9, 198.51.100.1").status_code == 429
    assert client.post(url, JOIN, HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 302
