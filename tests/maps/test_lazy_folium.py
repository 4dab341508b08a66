"""folium (with branca, jinja2, numpy and requests: about a second to import) is imported where
a map is built, not by the URLconf: a web process serving maps from the cache never loads it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import sys
import django
django.setup()
from django.urls import resolve
import coalition.urls  # every view module, the map views included
resolve("/en/map/")
print("after-urls", "folium" in sys.modules, "branca" in sys.modules)
from maps.builders import PointColumns, points_map, render_parts
from maps.text import map_text
render_parts(points_map(points=PointColumns(), text=map_text(), static_url=str))
print("after-build", "folium" in sys.modules)
"""


def test_folium_is_imported_by_the_first_map_built_not_by_the_urlconf():
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="coalition.settings", DEBUG="true")
    result = subprocess.run(  # noqa: S603 - fixed argv
        [sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "after-urls False False" in result.stdout
    assert "after-build True" in result.stdout
