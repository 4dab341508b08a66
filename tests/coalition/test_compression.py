"""HTML and JSON travel gzipped to clients that accept it; database connections persist, with a
health check before reuse."""

from __future__ import annotations

import gzip

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/en/", "/en/partners/", "/api/v1/partners/", "/en/treaties/"])
def test_pages_and_api_are_gzipped_for_clients_that_accept_it(client, url):
    PartnerFactory.create_batch(3)  # responses under 200 bytes are not worth compressing
    response = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert gzip.decompress(response.content)  # a whole gzip stream
    plain = client.get(url)
    assert not plain.has_header("Content-Encoding")


def test_compressed_responses_differ_in_length_each_time(client):
    """Django's BREACH mitigation: random padding in every compressed response, so its length
    does not tell what a secret in the page looks like."""
    sizes = {
        len(client.get(reverse("home"), HTTP_ACCEPT_ENCODING="gzip").content) for _ in range(8)
    }
    assert len(sizes) > 1


def test_database_connections_persist_and_are_checked_before_reuse():
    database = settings.DATABASES["default"]
    assert database["CONN_HEALTH_CHECKS"] is True
    assert database["CONN_MAX_AGE"] > 0
