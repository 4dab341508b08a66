"""Pledge e-mails link to the host and port the signature came in on (issue 15, item 1).

With `make run PORT=8765` the links used `SITE_URL`'s :8000 and no signature could be confirmed.
`SITE_URL` is only for mail sent with no request behind it.
"""

from __future__ import annotations

import re

import pytest
from django.core import mail
from rest_framework.test import APIClient

from campaigns.models import Pledge
from tests.campaigns.test_views_public import INDIVIDUAL, sign_url

pytestmark = pytest.mark.django_db

HOST = "127.0.0.1:8765"


@pytest.fixture(autouse=True)
def _served_elsewhere(settings):
    settings.SITE_URL = "http://127.0.0.1:8000"
    settings.ALLOWED_HOSTS = ["127.0.0.1"]


def _links() -> list[str]:
    return [u for m in mail.outbox for u in re.findall(r"https?://[^\s\"'<>]+", m.body)]


def test_form_signature_links_follow_the_request_and_confirm(
    client, campaign, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(sign_url(campaign), INDIVIDUAL, HTTP_HOST=HOST).status_code == 302
    links = _links()
    assert links
    assert all(link.startswith(f"http://{HOST}/en/") for link in links), links
    (confirm,) = [link for link in links if "/confirm/" in link]
    path = confirm.removeprefix(f"http://{HOST}")
    assert client.post(path, HTTP_HOST=HOST).status_code == 200
    assert Pledge.objects.get().confirmed_at is not None


def test_the_reminder_to_a_repeat_signer_follows_the_request_too(
    client, campaign, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(sign_url(campaign), INDIVIDUAL, HTTP_HOST="127.0.0.1:8000")
    Pledge.objects.update(last_reminder_at=None)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(sign_url(campaign), INDIVIDUAL, HTTP_HOST=HOST)
    links = _links()
    assert links
    assert all(link.startswith(f"http://{HOST}/") for link in links), links


def test_api_signature_links_follow_the_request(campaign, django_capture_on_commit_callbacks):
    api = APIClient()
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(
            f"/api/v1/campaigns/{campaign.slug}/pledges/",
            {
                "kind": "individual",
                "name": "Ana López",
                "email": "ana@example.net",
                "country": "MX",
                "display": "full",
                "language": "es",
            },
            format="json",
            HTTP_HOST=HOST,
        )
    assert response.status_code == 202, response.content
    links = _links()
    assert links
    assert all(link.startswith(f"http://{HOST}/es/") for link in links), links
