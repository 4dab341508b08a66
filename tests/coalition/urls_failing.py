"""The project's URLs plus one page that fails, for the friendly 500 page test."""

from __future__ import annotations

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpRequest, HttpResponse
from django.urls import path

from coalition.urls import urlpatterns as project_urlpatterns


def failing_view(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug in a view")


urlpatterns = [
    *project_urlpatterns,
    *i18n_patterns(path("failing/", failing_view), prefix_default_language=True),
]
