"""The outbox in the admin: read-only, with one write, putting unsent e-mails back in the queue."""

from __future__ import annotations

import pytest
from django.contrib.admin.sites import site
from django.urls import reverse
from post_office.models import STATUS, Attachment, Email, EmailTemplate, Log

from core.outbox import outbox_write

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows():
    sent = outbox_write(to=["a@example.org"], subject="Sent", text="x")
    failed = outbox_write(to=["b@example.org"], subject="Failed", text="y")
    Email.objects.filter(pk=sent.pk).update(status=STATUS.sent)
    Email.objects.filter(pk=failed.pk).update(status=STATUS.failed, number_of_retries=12)
    return sent, failed


def test_unused_library_admins_are_gone_and_the_rest_read_only(admin_client, rows):
    assert not site.is_registered(EmailTemplate)
    assert not site.is_registered(Attachment)
    assert site.is_registered(Log)
    listing = admin_client.get(reverse("admin:post_office_email_changelist"))
    assert listing.status_code == 200
    assert b"Failed" in listing.content
    sent, _failed = rows
    page = admin_client.get(reverse("admin:post_office_email_change", args=[sent.pk]))
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    # The library's "resend" view sends inline from the request: refused (change permission).
    assert admin_client.get(reverse("admin:resend", args=[sent.pk])).status_code == 403
    assert (
        admin_client.post(reverse("admin:post_office_email_delete", args=[sent.pk])).status_code
        == 403
    )


def test_requeue_puts_back_only_unsent_mail(
    admin_client, rows, mailoutbox, django_capture_on_commit_callbacks
):
    sent, failed = rows
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:post_office_email_changelist"),
            {"action": "requeue_unsent", "_selected_action": [sent.pk, failed.pk]},
        )
    assert response.status_code == 302
    failed.refresh_from_db()
    assert failed.status == STATUS.sent  # queued, then delivered by the (eager) nudge
    assert [m.subject for m in mailoutbox] == ["Failed"]
