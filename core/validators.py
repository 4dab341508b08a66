"""Validators shared by forms, serializers, the CSV import, the admin and model `clean()`."""

from __future__ import annotations

import re
import unicodedata

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
