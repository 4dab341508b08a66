"""Join and claim requests tell staff (one digest for a burst) and acknowledge the applicant."""

from __future__ import annotations

from unittest import mock

import pytest
from django.urls import reverse

from partners.models import JoinRequest
from partners.services import moderation, staff_digest
from tests.factories import PartnerFactory, StaffFactory, UserFactory
from tests.partners.factories import JoinRequestFactory

pytestmark = pytest.mark.django_db

JOIN = {
    "organisation_name": "Red Migrante",
    "organisation_kind": "ngo",
    "country": "MX",
    "city": "Puebla",
    "contact_name": "Ana",
    "contact_email": "ana@example.org",
}


@pytest.fixture
def staff():
    StaffFactory(email="desk@coalition.example")
    StaffFactory(email="")  # staff without an address are skipped
    StaffFactory(email="gone@coalition.example", is_active=False)
    UserFactory(email="member@example.org")  # not staff: never told


def _post(client, url, data, lang="en"):
    return client.post(url.replace("/en/", f"/{lang}/"), data)


def _mails_to(mailoutbox, address):
    return [m for m in mailoutbox if address in m.to]


def test_one_request_sends_one_staff_mail_and_one_acknowledgement(
    client, staff, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, reverse("partners:partner-join"), JOIN)

    assert response.status_code == 302
    assert len(mailoutbox) == 2
    [to_staff] = _mails_to(mailoutbox, "desk@coalition.example")
    assert to_staff.to == ["desk@coalition.example"]
    assert to_staff.subject == "New request to the directory: Red Migrante"
    assert "Red Migrante" in to_staff.body
    assert "Ana <ana@example.org>" in to_staff.body
    assert "http://testserver/en/staff/partners/requests/" in to_staff.body or (
        reverse("partners:moderation-queue") in to_staff.body
    )
    [ack] = _mails_to(mailoutbox, "ana@example.org")
    assert ack.subject == "We received your request about Red Migrante"
    assert "add Red Migrante to the coalition's partner directory" in ack.body
    request = JoinRequest.objects.get()
    assert request.staff_notified_at is not None
    assert request.language == "en"


def test_acknowledgement_is_in_the_applicants_language_and_so_is_the_decision(
    client, staff, mailoutbox, django_capture_on_commit_callbacks
):
    partner = PartnerFactory(name="Casa del Migrante")
    url = reverse("partners:partner-claim", kwargs={"slug": partner.slug})
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, url, {"contact_name": "Bo", "contact_email": "bo@example.org"}, lang="es")

    [ack] = _mails_to(mailoutbox, "bo@example.org")
    assert ack.subject == "Recibimos su solicitud sobre Casa del Migrante"
    assert "Hola, Bo" in ack.body
    assert "Recibimos su solicitud para gestionar el perfil de Casa del Migrante" in ack.body
    # Staff read the digest in the site's language, whatever the applicant wrote in.
    [to_staff] = _mails_to(mailoutbox, "desk@coalition.example")
    assert to_staff.subject == "New request to the directory: Casa del Migrante"
    assert "Claim an existing profile: Casa del Migrante" in to_staff.body

    # An English-speaking staff member rejects: the applicant still reads Spanish.
    mailoutbox.clear()
    client.force_login(StaffFactory())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("partners:join-request-decide", kwargs={"pk": JoinRequest.objects.get().pk}),
            {"decision": "reject"},
        )
    [decision] = mailoutbox
    assert decision.subject == "Su solicitud sobre Casa del Migrante no fue aprobada"


def test_three_requests_in_quick_succession_make_one_digest(
    client, staff, mailoutbox, django_capture_on_commit_callbacks
):
    # With a broker the digest runs STAFF_NOTIFY_DELAY_SECONDS after the first request; here the
    # scheduled task is held back (as the broker would) while three requests arrive.
    with mock.patch("partners.tasks.join_requests_notify_staff.apply_async") as schedule:
        for n in range(3):
            with django_capture_on_commit_callbacks(execute=True):
                _post(
                    client,
                    reverse("partners:partner-join"),
                    {**JOIN, "organisation_name": f"Org {n}", "contact_email": f"a{n}@example.org"},
                )
    assert schedule.call_count == 1  # the second and third join the scheduled digest
    assert schedule.call_args.kwargs == {"countdown": 300}
    assert len(_mails_to(mailoutbox, "desk@coalition.example")) == 0
    assert len(mailoutbox) == 3  # the three acknowledgements went at once

    with django_capture_on_commit_callbacks(execute=True):
        assert staff_digest.join_requests_notify_staff() == 3
        assert staff_digest.join_requests_notify_staff() == 0  # run twice: nothing twice

    [digest] = _mails_to(mailoutbox, "desk@coalition.example")
    assert digest.subject == "3 new requests to the directory"
    assert "3 requests to the partner directory are waiting for review" in digest.body
    for n in range(3):
        assert f"Join the directory: Org {n}" in digest.body
    assert not JoinRequest.objects.filter(staff_notified_at__isnull=True).exists()

    # The digest went out, so the next request schedules a new one.
    with (
        mock.patch("partners.tasks.join_requests_notify_staff.apply_async") as schedule,
        django_capture_on_commit_callbacks(execute=True),
    ):
        _post(client, reverse("partners:partner-join"), {**JOIN, "contact_email": "z@x.org"})
    assert schedule.call_count == 1


def test_a_name_with_a_line_break_cannot_inject_headers(
    staff, mailoutbox, django_capture_on_commit_callbacks
):
    # The form refuses line breaks; a request stored before that (or by another path) must
    # still not turn its name into an e-mail header.
    evil = "Evil Org\r\nBcc: victim@example.org\nX-Injected: yes"
    with django_capture_on_commit_callbacks(execute=True):
        JoinRequestFactory(organisation_name=evil, contact_name=evil, contact_email="e@x.org")
        staff_digest.join_requests_notify_staff()
        moderation._acknowledge(JoinRequest.objects.get())

    assert len(mailoutbox) == 2
    for message in mailoutbox:
        assert "\n" not in message.subject
        assert "\r" not in message.subject
        assert message.bcc == []
        raw = message.message().as_string()
        headers = raw.split("\n\n", 1)[0]
        assert "\nBcc:" not in headers
        assert "\nX-Injected:" not in headers
        assert "victim@example.org" not in message.recipients()


def test_the_form_refuses_a_name_with_a_line_break(
    client, staff, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(
            client,
            reverse("partners:partner-join"),
            {**JOIN, "organisation_name": "Evil\nBcc: victim@example.org"},
        )
    assert response.status_code == 200
    assert not JoinRequest.objects.exists()
    assert mailoutbox == []


def test_staff_notify_emails_setting_replaces_staff_users(
    settings, staff, mailoutbox, django_capture_on_commit_callbacks
):
    settings.STAFF_NOTIFY_EMAILS = ["requests@coalition.example"]
    with django_capture_on_commit_callbacks(execute=True):
        JoinRequestFactory()
        staff_digest.join_requests_notify_staff()
    assert [m.to for m in mailoutbox] == [["requests@coalition.example"]]


def test_no_address_anywhere_marks_requests_and_sends_nothing(
    mailoutbox, django_capture_on_commit_callbacks, caplog
):
    with django_capture_on_commit_callbacks(execute=True):
        JoinRequestFactory()
        assert staff_digest.join_requests_notify_staff() == 1
    assert mailoutbox == []
    assert "no staff address" in caplog.text


def test_decided_requests_are_not_announced(staff, mailoutbox, django_capture_on_commit_callbacks):
    JoinRequestFactory(status=JoinRequest.Status.REJECTED)
    with django_capture_on_commit_callbacks(execute=True):
        assert staff_digest.join_requests_notify_staff() == 0
    assert mailoutbox == []


def test_a_broker_outage_does_not_fail_the_request(
    client, staff, django_capture_on_commit_callbacks
):
    with (
        mock.patch(
            "partners.tasks.join_requests_notify_staff.apply_async", side_effect=OSError("down")
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = _post(client, reverse("partners:partner-join"), JOIN)
    assert response.status_code == 302
    assert JoinRequest.objects.count() == 1
    # The marker was released, so the next request schedules the digest again.
    from django.core.cache import cache

    assert cache.get(staff_digest.STAFF_DIGEST_SCHEDULED_KEY) is None
