from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from core.validators import validate_single_line


@pytest.mark.parametrize(
    "value", ["Org\nBcc: x@y", "Org\r", "a\x00b", "tab\there", "line\u2028sep", "c1\x85"]
)
def test_line_breaks_and_control_characters_are_refused(value):
    with pytest.raises(ValidationError) as info:
        validate_single_line(value)
    assert info.value.code == "single_line"


@pytest.mark.parametrize("value", ["Sin Fronteras", "Casa del Migrante — Tijuana", "", "Ñandú"])
def test_ordinary_names_pass(value):
    validate_single_line(value)
