"""Input rules for everything a member of the public can type into a pledge or an activity.

Names end up on public pages, in CSV exports and in e-mail subjects, so they must be one line of
visible text: no control characters (NUL, newlines, tabs), no unpaired surrogates and no bidi
overrides that would let a name display as something else.
"""

from __future__ import annotations

import unicodedata
import zoneinfo
from functools import lru_cache

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

# The one-line and plain-text rules are the project's (core/validators.py); re-exported so
# campaign code names its rules in one place.
from core.validators import (
    clean_single_line,
    validate_plain_text,
    validate_single_line,
    validate_visible_text,
)

__all__ = [
    "clean_single_line",
    "http_url_validator",
    "normalise_email",
    "validate_hashtags",
    "validate_plain_text",
    "validate_single_line",
    "validate_timezone",
    "validate_visible_text",
]

http_url_validator = URLValidator(schemes=["http", "https"])


def normalise_email(value: str) -> str:
    """The form used for "one pledge per e-mail": NFKC, stripped, case-folded.

    Case-folding the local part is stricter than RFC 5321 but matches every real mailbox
    provider, and it is what people expect: "Ana@Example.org " is the same signer as
    "ana@example.org".
    """
    return unicodedata.normalize("NFKC", value).strip().casefold()


@lru_cache(maxsize=1)
def _timezones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def validate_timezone(value: str) -> None:
    if value not in _timezones():
        raise ValidationError(
            _("%(value)s is not a known time zone (use a name such as America/Mexico_City)."),
            code="timezone",
            params={"value": value},
        )


def validate_hashtags(value: str) -> None:
    for tag in value.split():
        body = tag[1:]
        if not tag.startswith("#") or not body or not all(ch.isalnum() or ch == "_" for ch in body):
            raise ValidationError(
                _(
                    "Hashtags are words starting with # (letters, digits and _), separated by spaces."
                ),
                code="hashtag",
            )
