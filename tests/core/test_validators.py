from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from core.validators import (
    MAX_COMBINING_RUN,
    is_invisible,
    validate_single_line,
    validate_visible_text,
)


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


# --- Visible text (issue 13, bad input round two) -----------------------------------------

INVISIBLE_NAMES = [
    "\u200b",  # zero-width space
    "\u200b\u200c\u200d\u2060",  # zero-width space, joiners, word joiner
    "\u3164",  # Hangul filler
    "\u115f\u1160",  # Hangul choseong and jungseong fillers
    "\uffa0\uffa0",  # halfwidth Hangul filler
    "\u200e\u200f\u061c",  # left-to-right, right-to-left and Arabic letter marks
    "\ufeff",  # BOM
    "\u0301" * 110,  # 110 combining acute accents, no letter under them
    " \u00a0\u3000 ",  # spaces of every width
    "\u2800\u2800",  # braille blank
    "\u034f\ufe0f\u00ad",  # combining grapheme joiner, variation selector, soft hyphen
]


@pytest.mark.parametrize("value", INVISIBLE_NAMES)
def test_names_made_only_of_invisible_or_combining_characters_are_refused(value):
    with pytest.raises(ValidationError) as info:
        validate_visible_text(value)
    assert info.value.code == "invisible"


def test_marks_stacked_past_the_stream_safe_limit_are_refused():
    validate_visible_text("a" + "\u0301" * MAX_COMBINING_RUN)
    with pytest.raises(ValidationError) as info:
        validate_visible_text("a" + "\u0301" * (MAX_COMBINING_RUN + 1))
    assert info.value.code == "stacked_marks"


@pytest.mark.parametrize(
    "value",
    [
        "Ana López",
        "",  # blank is the field's business
        "李小龍",
        "한글",  # Hangul syllables, not fillers
        "نرگس\u200cمحمدی",  # Persian name with a zero-width non-joiner inside
        "👩\u200d👩\u200d👧",  # a family emoji joined by ZWJ
        "Tiê\u0301ng Viê\u0323t",  # decomposed Vietnamese
        "हिन्दी",  # Devanagari with combining vowel signs and virama
        "#",
        "7",
    ],
)
def test_real_names_are_visible(value):
    validate_visible_text(value)


def test_invisible_characters_are_named_as_such():
    assert all(is_invisible(char) for char in "\u200b\u3164\u115f\u1160\uffa0\u200e\ufeff ")
    assert not any(is_invisible(char) for char in "aé1-_.ü한")
