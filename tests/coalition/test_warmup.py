"""The web server warms the app up before its first request (coalition/warmup.py), in
gunicorn's master by default (preload), or in each worker when preloading is turned off."""

from __future__ import annotations

import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GUNICORN_CONF = ROOT / "deploy" / "gunicorn.conf.py"


def test_gunicorn_preloads_the_app_unless_told_not_to(monkeypatch):
    monkeypatch.delenv("GUNICORN_PRELOAD", raising=False)
    assert runpy.run_path(str(GUNICORN_CONF))["preload_app"] is True
    monkeypatch.setenv("GUNICORN_PRELOAD", "false")
    assert runpy.run_path(str(GUNICORN_CONF))["preload_app"] is False


SCRIPT = """
import sys
import coalition.wsgi  # what gunicorn loads
from django.db import connections
print("folium", "folium" in sys.modules)
print("views", "maps.views" in sys.modules and "campaigns.views.public" in sys.modules)
print("connected", any(c.connection is not None for c in connections.all()))
"""


@pytest.mark.parametrize(("warm", "expected"), [("true", "True"), ("false", "False")])
def test_loading_the_wsgi_app_warms_it_up_without_a_connection(warm, expected):
    env = dict(
        os.environ, DJANGO_SETTINGS_MODULE="coalition.settings", DEBUG="true", WSGI_WARM_UP=warm
    )
    result = subprocess.run(  # noqa: S603 - fixed argv
        [sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert f"folium {expected}" in result.stdout
    assert f"views {expected}" in result.stdout
    assert "connected False" in result.stdout  # nothing a forked worker could inherit
