"""E-mail leaves through the broker: the web process only enqueues, a real worker renders and
sends (the console backend writes the message to the worker's log)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

from partners.models import Invitation, JoinRequest
from tests.factories import StaffFactory
from tests.integration.conftest import wait_until
from tests.partners.factories import JoinRequestFactory

pytestmark = pytest.mark.services

WORKER_LOG = Path(__file__).resolve().parents[2] / "var" / "celery-worker-test.log"


def test_approval_e_mails_are_sent_by_the_worker_after_commit(client, celery_worker_process):
    # A request stored before names were checked (issue 7, defect 3).
    join_request = JoinRequestFactory(
        organisation_name="Worker Org\nBcc: x@y", contact_email="worker@example.org"
    )
    client.force_login(StaffFactory())
    response = client.post(
        reverse("partners:join-request-decide", kwargs={"pk": join_request.pk}),
        {"decision": "approve"},
        HTTP_HOST="testserver",
    )
    assert response.status_code == 302
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.APPROVED
    token = Invitation.objects.get().token

    def delivered() -> bool:
        text = WORKER_LOG.read_text(errors="replace")
        return f"/invitations/{token}/" in text and "was approved" in text

    assert wait_until(delivered), "the worker did not send the e-mails within 30 s"
    log = WORKER_LOG.read_text(errors="replace")
    assert "Subject: Your request about Worker Org Bcc: x@y was approved" in log
    assert "\nBcc: x@y" not in log
