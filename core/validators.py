"""Validators shared by forms, serializers, the CSV import, the admin and model `clean()`."""

from __future__ import annotations

import re
import unicodedata

import idna
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# Bidirectional embedding/override/isolate controls: they reorder the text around them, so a
# name could display as something else than what it is.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Control characters, unpaired surrogates, private-use and unassigned code points, and the
# Unicode line/paragraph separators.
_FORBIDDEN_CATEGORIES = frozenset({"Cc", "Cs", "Co", "Cn", "Zl", "Zp"})


def has_control_characters(text: str, *, allow_newlines: bool = False) -> bool:
    """True for control characters (C0/C1, bidi overrides), unpaired surrogates, private-use or
    unassigned code points and Unicode line/paragraph separators."""
    for char in text:
        if allow_newlines and char in "\n\r\t":
            continue
        if char in _BIDI_CONTROLS or unicodedata.category(char) in _FORBIDDEN_CATEGORIES:
            return True
    return False


@deconstructible
class SingleLineValidator:
    """Refuse line breaks and other control characters in a one-line field.

    A name ends up in e-mail subjects, CSV cells and page titles; a newline in it once let a
    join request inject an e-mail header.
    """

    message = _("Use a single line of text, without line breaks or control characters.")
    code = "single_line"

    def __call__(self, value: object) -> None:
        if isinstance(value, str) and has_control_characters(value):
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SingleLineValidator)

    def __hash__(self) -> int:
        return hash(self.code)


validate_single_line = SingleLineValidator()


def validate_plain_text(value: object) -> None:
    """Multi-line text: newlines and tabs are fine, other control characters are not."""
    if isinstance(value, str) and has_control_characters(value, allow_newlines=True):
        raise ValidationError(_("The text contains control characters."), code="control_character")


def clean_single_line(value: str) -> str:
    """NFC, surrounding whitespace stripped and inner runs of spaces collapsed."""
    return re.sub(r" {2,}", " ", unicodedata.normalize("NFC", value)).strip()


# --- Visible text ---------------------------------------------------------------------------

# Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt): rendered as nothing at all.
# Most are format characters (Cf), but the Hangul fillers are letters (Lo) and the variation
# selectors and the combining grapheme joiner are marks (Mn), so the category alone misses them.
_DEFAULT_IGNORABLE_RANGES = (
    (0x00AD, 0x00AD),  # soft hyphen
    (0x034F, 0x034F),  # combining grapheme joiner
    (0x061C, 0x061C),  # Arabic letter mark
    (0x115F, 0x1160),  # Hangul choseong and jungseong fillers
    (0x17B4, 0x17B5),  # Khmer inherent vowels
    (0x180B, 0x180F),  # Mongolian free variation selectors and vowel separator
    (0x200B, 0x200F),  # zero-width space, (non-)joiner, left-to-right and right-to-left marks
    (0x202A, 0x202E),  # bidi embeddings and overrides
    (0x2060, 0x206F),  # word joiner, invisible operators, bidi isolates
    (0x3164, 0x3164),  # Hangul filler
    (0xFE00, 0xFE0F),  # variation selectors
    (0xFEFF, 0xFEFF),  # zero-width no-break space (BOM)
    (0xFFA0, 0xFFA0),  # halfwidth Hangul filler
    (0xFFF0, 0xFFF8),
    (0x1BCA0, 0x1BCA3),  # shorthand format controls
    (0x1D173, 0x1D17A),  # musical symbol format controls
    (0xE0000, 0xE0FFF),  # tags and variation selectors supplement
)
# Not ignorable by Unicode's definition, but drawn as a blank all the same.
_BLANK_SYMBOLS = frozenset("\u2800")  # braille pattern blank
# UAX #15's Stream-Safe Text Format allows at most 30 combining marks in a row; real text in any
# script needs a handful, so a longer run is a stack meant to spill over the lines around it.
MAX_COMBINING_RUN = 30


def is_invisible(char: str) -> bool:
    """True for a character that draws nothing by itself: controls, format characters (Cf),
    unassigned or private-use code points, spaces and separators (Z*), and Unicode's
    default-ignorable code points (among them the Hangul fillers and the variation selectors)."""
    if unicodedata.category(char)[0] in "CZ" or char in _BLANK_SYMBOLS:
        return True
    point = ord(char)
    return any(low <= point <= high for low, high in _DEFAULT_IGNORABLE_RANGES)


def has_visible_character(text: str) -> bool:
    """True when `text` has at least one letter, digit, punctuation mark or symbol that is drawn:
    combining marks alone (they sit on another character) and invisible characters do not count."""
    return any(unicodedata.category(char)[0] in "LNPS" and not is_invisible(char) for char in text)


def _longest_combining_run(text: str) -> int:
    longest = run = 0
    for char in text:
        run = run + 1 if unicodedata.category(char).startswith("M") else 0
        longest = max(longest, run)
    return longest


@deconstructible
class VisibleTextValidator:
    """Refuse a name that would be listed as nothing: made only of invisible characters
    (zero-width spaces, joiners, Hangul fillers, direction marks, spaces) or of combining marks
    with no letter to sit on, and refuse marks stacked past `MAX_COMBINING_RUN` on one letter.

    Invisible characters *inside* a name are left alone: joiners belong in emoji and in Persian
    or Indic names. Empty values are the field's `blank` to decide, not this validator's.
    """

    message = _("Write it with visible letters or digits: it is made only of invisible characters.")
    code = "invisible"
    stacked_message = _("Too many accents or marks on one letter.")
    stacked_code = "stacked_marks"

    def __call__(self, value: object) -> None:
        if not isinstance(value, str) or not value:
            return
        if not has_visible_character(value):
            raise ValidationError(self.message, code=self.code)
        if _longest_combining_run(value) > MAX_COMBINING_RUN:
            raise ValidationError(self.stacked_message, code=self.stacked_code)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, VisibleTextValidator)

    def __hash__(self) -> int:
        return hash(self.code)


validate_visible_text = VisibleTextValidator()


# --- E-mail addresses -------------------------------------------------------------------------

# RFC 5321's limit on a path, which applies to the ASCII form of the address.
EMAIL_MAX_LENGTH = 254


def email_domain_ascii(domain: str) -> str:
    """`domain` as the DNS sees it: A-labels, lower case, by IDNA 2008 with UTS #46 mapping, so
    `exämple.org`, `EXÄMPLE.org` and `xn--exmple-cua.org` are one domain. Raises `ValueError`
    for a domain IDNA refuses (an invalid A-label, a disallowed character, a label too long).

    Django's `EmailValidator` runs domains through Python's older IDNA 2003 codec, which drops
    zero-width spaces and soft hyphens without a word: refuse those first (`is_invisible`).
    """
    try:
        return idna.encode(domain, uts46=True, std3_rules=True).decode("ascii")
    except (idna.IDNAError, UnicodeError) as exc:
        raise ValueError(str(exc)) from exc


def canonical_email(value: str) -> str:
    """One spelling per address, for counting and throttling by address (never for sending):
    NFKC, invisible characters and surrounding spaces dropped, the local part case-folded and
    unquoted, the domain in its IDNA ASCII form. Never raises: a domain IDNA refuses is kept
    case-folded, so stored addresses from before these checks still get a key."""
    text = "".join(
        char for char in unicodedata.normalize("NFKC", value) if not is_invisible(char)
    ).strip()
    local, at, domain = text.rpartition("@")
    if not at:
        return text.casefold()
    local = local.casefold()
    if len(local) >= 2 and local.startswith('"') and local.endswith('"'):
        # "ana"@example.org is ana@example.org; \x inside quotes stands for x.
        local = re.sub(r"\\(.)", r"\1", local[1:-1])
    try:
        domain = email_domain_ascii(domain)
    except ValueError:
        domain = domain.casefold()
    return f"{local}@{domain}"


@deconstructible
class MailboxValidator:
    """What Django's `EmailValidator` lets through but no one types for a real mailbox, and what
    would let one mailbox be written many ways:

    - invisible and format characters anywhere (zero-width spaces, joiners, BOM, bidi marks,
      spaces), which Python's IDNA 2003 codec drops from a domain without a word;
    - IP-literal domains (`[127.0.0.1]`) and bare IPv4 addresses (a numeric top-level label);
    - quoted local parts (`"ana"@example.org`);
    - domains that IDNA 2008 refuses, and addresses whose ASCII form is over 254 characters.

    Run it after `EmailValidator`, which checks the shape; an address with no `@` is left to it.
    """

    code = "email"

    def __call__(self, value: object) -> None:
        if not isinstance(value, str) or not value:
            return
        if any(is_invisible(char) for char in value):
            raise ValidationError(
                _("An e-mail address cannot contain spaces or invisible characters."),
                code="email_invisible",
            )
        local, at, domain = value.rpartition("@")
        if not at:
            return
        if local.startswith('"'):
            raise ValidationError(
                _("Give the e-mail address without quotation marks."), code="email_quoted"
            )
        if domain.startswith("["):
            raise ValidationError(
                _("Give an e-mail address at a domain name, not at an IP address."),
                code="email_ip_literal",
            )
        try:
            ascii_domain = email_domain_ascii(domain)
        except ValueError:
            raise ValidationError(
                _("The domain of this e-mail address is not valid."), code="email_domain"
            ) from None
        if ascii_domain.rstrip(".").rpartition(".")[2].isdigit():
            raise ValidationError(
                _("Give an e-mail address at a domain name, not at an IP address."),
                code="email_ip_literal",
            )
        if len(local) + 1 + len(ascii_domain) > EMAIL_MAX_LENGTH:
            raise ValidationError(_("This e-mail address is too long."), code="email_too_long")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, MailboxValidator)

    def __hash__(self) -> int:
        return hash(self.code)


validate_mailbox = MailboxValidator()
