"""Validators for partner data, shared by the model (so the admin and `full_clean` run them), the
HTML forms, the API serializers and the CSV import."""

from __future__ import annotations

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
