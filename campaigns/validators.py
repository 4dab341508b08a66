"""Input rules for everything a member of the public can type into a pledge or an activity.

Names end up on public pages, in CSV exports and in e-mail subjects, so they must be one line of
visible text: no control characters (NUL, newlines, tabs), no unpaired surrogates and no bidi
overrides that would let a name display as something else.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
import zoneinfo
from functools import lru_cache

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

# The one-line and plain-text rules are the project's (core/validators.py); re-exported so
# campaign code names its rules in one place.
from core.validators import (
    EMAIL_MAX_LENGTH,
    canonical_email,
    clean_single_line,
    validate_mailbox,
    validate_plain_text,
    validate_single_line,
    validate_visible_text,
)

__all__ = [
    "clean_single_line",
    "http_url_validator",
    "mailbox_key",
    "normalise_email",
    "validate_activity_time",
    "validate_hashtags",
    "validate_mailbox",
    "validate_plain_text",
    "validate_single_line",
    "validate_timezone",
    "validate_visible_text",
]

http_url_validator = URLValidator(schemes=["http", "https"])


def normalise_email(value: str) -> str:
    """The address as typed, NFKC, stripped and case-folded (`Pledge.email_normalised`): the
    confirm and withdraw links are bound to it (`campaigns.links`), so it keeps the meaning it
    had when links already sent were made. "One pledge per mailbox" is `mailbox_key`'s.

    Case-folding the local part is stricter than RFC 5321 but matches every real mailbox
    provider, and it is what people expect: "Ana@Example.org " is the same signer as
    "ana@example.org".
    """
    return unicodedata.normalize("NFKC", value).strip().casefold()


# Domains where dots in the local part are not part of the address, with the domain each is
# another name of: Gmail delivers a.na@ and ana@, at gmail.com and googlemail.com, to one inbox.
_DOTLESS_DOMAINS = {"gmail.com": "gmail.com", "googlemail.com": "gmail.com"}


def mailbox_key(value: str) -> str:
    """The key of "one pledge per mailbox" (`Pledge.email_canonical`), as UK e-petitions keys
    signatures: `core.validators.canonical_email` (one spelling per address: IDNA domain, case,
    quotes and invisible characters), then a plus-tag dropped (ana+x@ is ana@) and, at Gmail,
    the dots (a.na@googlemail.com is ana@gmail.com). E-mail still goes to the address typed.
    """
    key = canonical_email(value)
    local, at, domain = key.rpartition("@")
    if at:
        local = local.split("+", 1)[0] or local
        if domain in _DOTLESS_DOMAINS:
            local = local.replace(".", "") or local
            domain = _DOTLESS_DOMAINS[domain]
        key = f"{local}@{domain}"
    # The ASCII form of a domain can be longer than the Unicode one; new addresses are refused
    # past the limit (`validate_mailbox`), older ones get a key that fits the column.
    return key[:EMAIL_MAX_LENGTH]


# The instants an activity may start at, in UTC. PostgreSQL stores years up to 294276 but psycopg
# cannot read one past 9999 back into Python, so a row at "9999-12-31T23:59" Los Angeles time
# (year 10000 in UTC) once made every staff page listing it fail; SQLite failed on the insert
# itself. Years 1900 to 9998 in UTC keep the local time in any zone (at most 14 hours away)
# within what Python, both databases and the calendar feed all handle.
ACTIVITY_STARTS_AT_MIN = datetime.datetime(1900, 1, 1, tzinfo=datetime.UTC)
ACTIVITY_STARTS_AT_MAX = datetime.datetime(9999, 1, 1, tzinfo=datetime.UTC)  # excluded
# The furthest any place on Earth is from UTC (Kiribati, +14:00); PostgreSQL refuses offsets
# past ±15:59, so "+23:59" used to reach the database and fail there.
MAX_UTC_OFFSET = datetime.timedelta(hours=14)


def validate_activity_time(value: object) -> None:
    """An activity's start: an offset within ±14:00, and a year from 1900 to 9998 in UTC."""
    if not isinstance(value, datetime.datetime):
        return
    offset = value.utcoffset()
    if offset is not None and abs(offset) > MAX_UTC_OFFSET:
        raise ValidationError(
            _("A UTC offset is at most 14 hours either way (from -14:00 to +14:00)."),
            code="utc_offset",
        )
    try:
        in_utc = (
            value.astimezone(datetime.UTC)
            if offset is not None
            else value.replace(tzinfo=datetime.UTC)
        )
    except OverflowError:  # past year 9999 or before year 1 once moved to UTC
        in_utc = None
    if in_utc is None or not ACTIVITY_STARTS_AT_MIN <= in_utc < ACTIVITY_STARTS_AT_MAX:
        raise ValidationError(
            _("Give a date between the years %(first)d and %(last)d."),
            code="date_range",
            params={"first": ACTIVITY_STARTS_AT_MIN.year, "last": ACTIVITY_STARTS_AT_MAX.year - 1},
        )


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


# Referral codes (?ref=CODE on a signer's share links): 10 of 31 letters and digits, about 50
# random bits. No 0/o or 1/l/i, so a code read aloud or retyped from a poster is not mistaken.
REFERRAL_CODE_LENGTH = 10
REFERRAL_CODE_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
_REFERRAL_CODE = re.compile(f"[{REFERRAL_CODE_ALPHABET}]{{{REFERRAL_CODE_LENGTH}}}")


def referral_code_or_blank(value: object) -> str:
    """The code if `value` has the shape of one, else "": a mangled link still signs, with no
    credit to anyone, rather than failing."""
    text = str(value or "").strip().lower()
    return text if _REFERRAL_CODE.fullmatch(text) else ""
