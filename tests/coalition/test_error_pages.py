"""Friendly 404 and 500 pages in both languages (not Django's technical pages), and a favicon."""

from __future__ import annotations

import pytest
from django.contrib.staticfiles import finders
from django.template import loader
from django.test import Client
from django.utils import translation

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "heading", "link"),
    [
        ("en", "We could not find that page", "Partners"),
        ("es", "No encontramos esa página", "Aliadas"),
    ],
)
def test_missing_page_is_friendly_in_the_page_language(settings, client, language, heading, link):
    settings.DEBUG = False
    response = client.get(f"/{language}/no-such-page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert f'<html lang="{language}">' in body
    assert heading in body
    assert link in body
    assert f'href="/{language}/partners/"' in body
    assert "Using the URLconf" not in body  # not Django's technical 404


def test_missing_object_page_offers_the_same_way_back(settings, client):
    settings.DEBUG = False
    response = client.get("/es/partners/no-such-partner/")
    assert response.status_code == 404
    assert "No encontramos esa página" in response.content.decode()


@pytest.mark.urls("tests.coalition.urls_failing")
@pytest.mark.parametrize(
    ("language", "heading"),
    [("en", "Something went wrong on our side"), ("es", "Algo salió mal de nuestro lado")],
)
def test_server_error_is_friendly_in_the_page_language(settings, language, heading):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    response = client.get(f"/{language}/failing/")
    assert response.status_code == 500
    body = response.content.decode()
    assert f'<html lang="{language}">' in body
    assert heading in body
    assert f'href="/{language}/"' in body
    assert "a bug in a view" not in body  # nothing of the error leaks to the visitor
    assert "Traceback" not in body


def test_server_error_page_renders_without_request_or_database(django_assert_num_queries):
    """Django renders 500.html with an empty context: no request, no context processors."""
    with translation.override("es"), django_assert_num_queries(0):
        html = loader.get_template("500.html").render()
    assert "Algo salió mal de nuestro lado" in html
    assert 'rel="icon"' in html


def test_every_page_names_an_svg_favicon(client):
    body = client.get("/en/").content.decode()
    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in body
    assert finders.find("img/favicon.svg")


def test_favicon_ico_redirects_to_the_svg(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/img/favicon.svg"
