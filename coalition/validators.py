"""Validators shared by forms, serializers, the CSV import, the admin and model `clean()`."""

from __future__ import annotations

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _


def has_control_characters(text: str, *, allow_newlines: bool = False) -> bool:
    """True for C0/C1 control characters and Unicode line/paragraph separators."""
    for char in text:
        if allow_newlines and char in "\n\r\t":
            continue
        if unicodedata.category(char) in {"Cc", "Zl", "Zp"}:
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
