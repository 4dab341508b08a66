"""The refusal to run in production with settings that are only safe for development.

With DEBUG off the site must not sign cookies and e-mailed links with the public development key,
nor answer with no host names. `CoreConfig.ready` refuses, so every process that sets Django up
(the web, Celery's worker and beat, management commands) stops at once. The one exception is a
process that signs and serves nothing and says so with `COALITION_SIGNS_NOTHING=1`: manage.py sets
it for `makemigrations`, which reads models and writes files, so it runs in a bare environment.
"""

from __future__ import annotations

import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DEVELOPMENT_SECRET_KEY = "django-insecure-development-key-do-not-use-in-production"  # noqa: S105
SIGNS_NOTHING_VARIABLE = "COALITION_SIGNS_NOTHING"


def refuse_insecure_settings() -> None:
    """Raise `ImproperlyConfigured` when DEBUG is off with the development key or no hosts."""
    if settings.DEBUG or os.environ.get(SIGNS_NOTHING_VARIABLE) == "1":
        return
    if settings.SECRET_KEY == DEVELOPMENT_SECRET_KEY:
        raise ImproperlyConfigured(
            "Set SECRET_KEY: the development key is refused when DEBUG is off (it is public, so "
            "anyone could sign session cookies and e-mailed links). For development, set "
            "DEBUG=true."
        )
    if not settings.ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "Set ALLOWED_HOSTS (comma-separated host names) when DEBUG is off; for development, "
            "set DEBUG=true."
        )
