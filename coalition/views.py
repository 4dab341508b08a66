"""Site plumbing that belongs to no app: the favicon (the health checks: coalition/health.py)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.views.decorators.http import require_safe


@require_safe
def favicon(request: HttpRequest) -> HttpResponsePermanentRedirect:
    """/favicon.ico, which browsers and feed readers ask for whatever the page says: the SVG."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))
