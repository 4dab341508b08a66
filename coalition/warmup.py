"""What a web server does once before its first request, so no visitor pays for it.

`coalition.wsgi` calls `warm_up()` when a WSGI server loads the application: with gunicorn's
`preload_app` (deploy/gunicorn.conf.py) that is once, in the master, and every worker forked from
it starts warm; without it each worker runs it itself after booting, before it accepts a
request. Without it the first request to a fresh (or recycled) worker imported the URLconf and
every view, compiled the templates it used, read the translation catalogs and the static files'
manifest and, for a map, imported folium: about a second and a half.

No query and no cache call: nothing a forked worker could inherit half-used (the database
connections are closed at the end in case an import opened one).
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connections
from django.template import TemplateDoesNotExist, TemplateSyntaxError
from django.template.loader import get_template
from django.templatetags.static import static
from django.urls import get_resolver, reverse
from django.utils import translation

from maps.builders import folium_load

logger = logging.getLogger(__name__)

# Static files every page links (the manifest is read once, on the first of them).
_STATIC = ("css/coalition.css", "maps/coalition-maps.js")


def _templates() -> list[str]:
    """Every template of the project's own template directories, by name."""
    names: list[str] = []
    engine: dict[str, Any] = settings.TEMPLATES[0]
    for root in map(Path, engine["DIRS"]):
        names += [str(path.relative_to(root)) for path in sorted(root.rglob("*.html"))]
    return names


def warm_up() -> float:
    """Import, compile and read what requests need; returns the seconds it took."""
    started = time.perf_counter()
    get_resolver().url_patterns  # noqa: B018 - imports the URLconf and every view module
    for language, _name in settings.LANGUAGES:
        with translation.override(language):  # loads each language's catalogs
            reverse("home")
    for name in _templates():
        try:
            get_template(name)  # compiled once, kept by the cached loader (DEBUG off)
        except (TemplateDoesNotExist, TemplateSyntaxError):  # a fragment with no engine of its own
            continue
    for path in _STATIC:
        try:
            static(path)
        except ValueError:  # no manifest yet (collectstatic not run): nothing to read ahead
            break
    folium_load()  # a map built on this process (a cold cache) need not import it first
    connections.close_all()
    seconds = time.perf_counter() - started
    logger.info("Warmed up in %.2f s", seconds)
    return seconds
