from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_home_renders_in_english_and_spanish(client):
    response = client.get("/en/")
    assert response.status_code == 200
    assert b'lang="en"' in response.content
    response = client.get("/es/")
    assert response.status_code == 200
    assert b'lang="es"' in response.content


def test_healthz_reports_database(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_footer_says_where_the_data_comes_from(client):
    response = client.get("/en/")
    assert b"United Nations Treaty Collection" in response.content
