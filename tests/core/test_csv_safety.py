from __future__ import annotations

import pytest

from core.csv_safety import safe_cell, unsafe_cell


@pytest.mark.parametrize(
    "value",
    [
        '=HYPERLINK("http://x")',
        "+SUM(A1:A2)",
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(1)",
        "\t=1",
        "\r=1",
        "+",
        "-",
        "+52 664 123 4567 =1",
    ],
)
def test_formulas_are_quoted(value):
    assert safe_cell(value) == "'" + value
    assert unsafe_cell(safe_cell(value)) == value


@pytest.mark.parametrize(
    "value",
    ["+52 664 123 4567", "+1 (619) 555-0100", "-12.5", "+44 20 7946 0958", "Casa del Migrante", ""],
)
def test_phone_numbers_numbers_and_text_are_left_alone(value):
    assert safe_cell(value) == value
    assert unsafe_cell(value) == value


def test_non_strings_are_converted():
    assert safe_cell(None) == ""
    assert safe_cell(12) == "12"
    assert safe_cell(-3) == "-3"
