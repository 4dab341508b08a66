from __future__ import annotations

import re
from types import ModuleType
from typing import Any

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import URLPattern, include, path, re_path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)

import maps.urls
import partners.urls
import ratification.urls
from coalition import health, views
from coalition.pages import country, directory, home, partner_profile, staff_dashboard
from core.auth import PasswordResetView
from core.storage import media_serve

# The Django admin names the site it runs, not "Django administration".
admin.site.site_header = _("Coalition administration")
admin.site.site_title = _("Coalition administration")
admin.site.index_title = _("Partners, treaties and campaigns")


def _app(urls: ModuleType, *composed: URLPattern) -> tuple[Any, str | None, str | None]:
    """An app's URLs plus the pages composed here that carry the app's URL names, so that
    `reverse("ratification:staff-dashboard")` still names the page wherever it is built."""
    return include((list(urls.urlpatterns) + list(composed), urls.app_name))


urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("coalition.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves Swagger UI's set-up script from the same URL (?script) instead of
    # inline, which the Content-Security-Policy refuses.
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
    # Both exempt from SECURE_SSL_REDIRECT (`^healthz`): probes speak plain HTTP to the node.
    path("healthz", health.healthz, name="healthz"),
    path("healthz/ready", health.readiness, name="healthz-ready"),
    path("favicon.ico", views.favicon, name="favicon"),
]

urlpatterns += i18n_patterns(
    path("", home.home, name="home"),
    path("admin/", admin.site.urls),
    # Before the stock auth URLs: throttled, the same answer for every address, and the reset
    # e-mail goes through core.mail from a task (core/auth.py).
    path("accounts/password_reset/", PasswordResetView.as_view(), name="password_reset"),
    path("accounts/", include("django.contrib.auth.urls")),
    path(
        "",
        _app(ratification.urls, path("staff/", staff_dashboard.dashboard, name="staff-dashboard")),
    ),
    path(
        "",
        _app(
            partners.urls,
            path("partners/", directory.partner_list, name="partner-list"),
            path("partners/<slug:slug>/", partner_profile.partner_detail, name="partner-detail"),
        ),
    ),
    path(
        "",
        _app(
            maps.urls, path("countries/<str:iso2>/", country.country_detail, name="country-detail")
        ),
    ),
    path("", include("campaigns.urls")),
    prefix_default_language=True,
)

# JSON for unmatched /api/ URLs, the site's page otherwise (used when DEBUG is off).
handler404 = "coalition.openapi.not_found"

# Uploaded files (campaign materials) from the configured storage, DEBUG or not: typed, nosniff.
urlpatterns.append(
    re_path(
        rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.+)$", media_serve, name="media"
    )
)
