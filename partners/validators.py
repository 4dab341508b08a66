"""Validators for partner data, shared by the model (so the admin and `full_clean` run them), the
HTML forms, the API serializers and the CSV import."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

SOCIAL_LINKS_MAX = 10
SOCIAL_LINK_MAX_LENGTH = 300

# Only web links: a javascript: or data: URL would run in visitors' browsers when clicked.
_web_url = URLValidator(schemes=["http", "https"])


def validate_web_url(value: Any) -> None:
    """One http(s) URL of a sane length."""
    if not isinstance(value, str):
        raise ValidationError(_("Each link must be a text web address."), code="invalid")
    if len(value) > SOCIAL_LINK_MAX_LENGTH:
        raise ValidationError(
            _("“%(url)s…” is longer than %(max)d characters."),
            params={"url": value[:40], "max": SOCIAL_LINK_MAX_LENGTH},
            code="max_length",
        )
    message = _("“%(url)s” is not a web address starting with http:// or https://.")
    # URLValidator lets a NUL or other control character through in the path; PostgreSQL
    # refuses NUL in text, and nobody links to a control character on purpose.
    if any(ord(char) < 32 or ord(char) == 127 for char in value):
        raise ValidationError(message, params={"url": value[:80]}, code="invalid")
    try:
        _web_url(value)
    except ValidationError:
        raise ValidationError(message, params={"url": value[:80]}, code="invalid") from None
    if not urlsplit(value).netloc:
        raise ValidationError(message, params={"url": value[:80]}, code="invalid")


def validate_social_links(value: Any) -> None:
    """A list of at most `SOCIAL_LINKS_MAX` http(s) URLs."""
    if not isinstance(value, list):
        raise ValidationError(_("Give a list of web addresses."), code="invalid")
    if len(value) > SOCIAL_LINKS_MAX:
        raise ValidationError(
            _("Give at most %(max)d links."), params={"max": SOCIAL_LINKS_MAX}, code="max_items"
        )
    for link in value:
        validate_web_url(link)


def social_links_or_empty(value: Any) -> list[str]:
    """The stored links as a list of strings, tolerating bad values written before validation
    existed (a number, a dict, `null`): a read must never fail because of one odd row."""
    if not isinstance(value, list):
        return []
    return [link for link in value if isinstance(link, str)]


# Words kept free for routes under /partners/ that do not exist yet (a slug taken now would
# block them later), on top of every fixed segment the URLconf already uses.
FIXED_RESERVED_SLUGS = frozenset(
    {"new", "add", "create", "edit", "delete", "search", "export", "import", "api", "admin",
     "static", "media", "me", "map", "partners", "members", "staff", "invitations", "verify",
     "claim", "requests", "join"}
)  # fmt: skip
# A fixed segment right after "partners/" in a route or a router regex ("partners/join/",
# "^partners/geojson\\.(?P<format>...)"); a converter or a group never matches.
_SEGMENT_AFTER_PARTNERS = re.compile(r"(?:^|/|\^)partners/([A-Za-z0-9_-]+)(?=[/.\\$]|$)")


def _routes(patterns: Iterable[Any], prefix: str = "") -> Iterable[str]:
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if hasattr(pattern, "url_patterns"):
            yield from _routes(pattern.url_patterns, route)
        else:
            yield route


@functools.cache
def reserved_slugs() -> frozenset[str]:
    """Slugs a partner may not take: each fixed path segment under /partners/ in the URLconf
    (HTML and API), plus `FIXED_RESERVED_SLUGS`."""
    from django.urls import get_resolver

    found = {
        match.group(1).lower()
        for route in _routes(get_resolver().url_patterns)
        # The Django admin's /admin/partners/<model>/ pages are not under /partners/.
        if "admin/" not in route
        for match in _SEGMENT_AFTER_PARTNERS.finditer(route)
    }
    return FIXED_RESERVED_SLUGS | found


def validate_partner_slug(value: str) -> None:
    if value.lower() in reserved_slugs():
        raise ValidationError(
            _("“%(slug)s” is reserved for a page of the site; choose another slug."),
            params={"slug": value},
            code="reserved",
        )
