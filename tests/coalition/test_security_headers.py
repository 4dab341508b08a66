"""The security headers: the Content-Security-Policy (django-csp), framing, HSTS, the referrer
and permissions policies, all from the environment, and /healthz outside the SSL redirect."""

from __future__ import annotations

import json
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from core.env import env_permissions_policy
from tests.campaigns.factories import CampaignFactory
from tests.factories import TreatyFactory

ROOT = Path(__file__).resolve().parents[2]


def _directives(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    pairs = (part.strip().partition(" ") for part in header.split(";") if part.strip())
    return {name: value for name, _, value in pairs}


@pytest.fixture
def pages(db):
    from ratification.services.reference_data import countries_load

    countries_load()
    TreatyFactory()
    campaign = CampaignFactory(slug="ratify")
    return {
        "home": "/en/",
        "map": "/en/map/",
        "treaties": "/en/treaties/",
        "campaign": f"/en/campaigns/{campaign.slug}/",
        "login": "/en/accounts/login/",
        "not-found": "/en/no-such-page/",
    }


EMBEDDABLE = {
    "embed": "/en/map/embed/",
    "card": "/en/countries/MX/card/",
    "widget": "/en/campaigns/ratify/widget/",
}


def test_every_page_has_a_strict_policy(client, pages):
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == (404 if name == "not-found" else 200), name
        policy = _directives(response)
        assert policy == {
            "default-src": "'self'",
            "script-src": "'self'",
            "style-src": "'self'",
            "img-src": "'self'",
            "object-src": "'none'",
            "base-uri": "'none'",
            "form-action": "'self'",
            "frame-ancestors": "'none'",
        }, name
        assert response["X-Frame-Options"] == "DENY", name
        assert response["Referrer-Policy"] == "same-origin", name
        assert "camera=()" in response["Permissions-Policy"], name
        assert "geolocation=()" in response["Permissions-Policy"], name


def test_only_the_embeddable_pages_may_be_framed_by_any_site(client, pages):
    for name, url in EMBEDDABLE.items():
        response = client.get(url)
        assert response.status_code == 200, name
        assert "X-Frame-Options" not in response, name
        policy = _directives(response)
        assert policy["frame-ancestors"] == "*", name
        # Framable, but otherwise as strict as every other page.
        assert policy["script-src"] == policy["style-src"] == "'self'", name


def test_the_api_pages_allow_inline_styles_but_never_inline_scripts(client, db):
    for url in ("/api/docs/", "/api/v1/"):
        response = client.get(url, HTTP_ACCEPT="text/html")
        policy = _directives(response)
        assert policy["script-src"] == "'self'", url
        assert policy["style-src"] == "'self' 'unsafe-inline'", url
    # Swagger UI's set-up script is a separate response, not inline in the page.
    page = client.get("/api/docs/").content.decode()
    assert '<script src="/api/docs/?script=">' in page or "/api/docs/?script" in page
    assert "<style" not in page
    script = client.get("/api/docs/?script")
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    json_response = client.get("/api/v1/")
    assert _directives(json_response)["style-src"] == "'self'"


def test_the_redoc_page_loads_nothing_from_another_origin(client, db):
    page = client.get("/api/redoc/").content.decode()
    assert "fonts.googleapis.com" not in page
    assert "<style" not in page


def test_a_tile_server_is_the_one_other_origin_and_only_for_images(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "DEBUG": "true",
        "COALITION_VAR_DIR": str(tmp_path),
        "MAP_TILES_URL": "https://{s}.tiles.example.org/{z}/{x}/{y}.png",
    }
    code = (
        "import django, json; django.setup(); from django.conf import settings; "
        "print(json.dumps(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']))"
    )
    result = subprocess.run(  # noqa: S603 - fixed argv
        [sys.executable, "-c", code],
        env={**env, "DJANGO_SETTINGS_MODULE": "coalition.settings"},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    directives = json.loads(result.stdout)
    assert directives["img-src"] == ["'self'", "https://*.tiles.example.org"]
    assert directives["script-src"] == directives["default-src"] == ["'self'"]


def test_hsts_referrer_and_permissions_policies_come_from_the_environment(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "coalition.example.org",
        "COALITION_VAR_DIR": str(tmp_path),
        "SECURE_HSTS_SECONDS": "31536000",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true",
        "SECURE_HSTS_PRELOAD": "true",
        "SECURE_REFERRER_POLICY": "strict-origin-when-cross-origin",
        "PERMISSIONS_POLICY": 'camera=(), fullscreen=(self "https://partner.example.org")',
    }
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, "
        "s.SECURE_HSTS_PRELOAD, s.SECURE_REFERRER_POLICY, s.PERMISSIONS_POLICY]))"
    )
    result = subprocess.run(  # noqa: S603 - fixed argv
        [sys.executable, "-c", code],
        env={**env, "DJANGO_SETTINGS_MODULE": "coalition.settings"},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(result.stdout) == [
        31536000,
        True,
        True,
        "strict-origin-when-cross-origin",
        {"camera": [], "fullscreen": ["self", "https://partner.example.org"]},
    ]


def test_hsts_is_sent_on_https(client, settings, db):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    response = client.get("/healthz", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_healthz_is_exempt_from_the_ssl_redirect(client, settings, db):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.head("/healthz").status_code == 200
    home = client.get("/en/")
    assert home.status_code == 301
    assert home["Location"] == "https://testserver/en/"
    # The exemption is the exact path, not a prefix.
    assert client.get("/healthzz").status_code == 301


@pytest.mark.parametrize(
    ("raw", "parsed"),
    [
        ("", {}),
        ("camera=()", {"camera": []}),
        (
            ' camera=(),geolocation=(self) , fullscreen=(self "https://a.example" *)',
            {
                "camera": [],
                "geolocation": ["self"],
                "fullscreen": ["self", "https://a.example", "*"],
            },
        ),
    ],
)
def test_permissions_policy_is_read_as_the_header_is_written(monkeypatch, raw, parsed):
    monkeypatch.setenv("X_POLICY", raw)
    assert env_permissions_policy("X_POLICY", "camera=()") == parsed


@pytest.mark.parametrize("raw", ["camera", "camera=(none)", "camera=(https://a.example)", "x=y"])
def test_a_malformed_permissions_policy_fails_loudly(monkeypatch, raw):
    monkeypatch.setenv("X_POLICY", raw)
    with pytest.raises(ImproperlyConfigured, match="X_POLICY"):
        env_permissions_policy("X_POLICY", "")
