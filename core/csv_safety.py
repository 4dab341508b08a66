"""One rule for every CSV the site writes: no cell may start a spreadsheet formula.

Excel, LibreOffice and Google Sheets run a cell that starts with `=`, `+`, `-` or `@` (and, in
some versions, a leading tab or carriage return) as a formula, so a partner name like
`=HYPERLINK(...)` could act on the computer of the staff member who opens an export ("CSV
injection"). Such a cell gets a leading apostrophe, which spreadsheets show as text.

The exception: a value made only of digits, spaces and `+ - ( ) . /` with at least one digit,
such as the phone number `+52 664 123 4567` or a negative number `-12.5`. It cannot call a
function or reference another cell, and quoting it would break every phone number in the export.
"""

from __future__ import annotations

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER_OR_PHONE = frozenset("0123456789 ().-+/")


def is_plain_number(text: str) -> bool:
    return set(text) <= _NUMBER_OR_PHONE and any(char.isdigit() for char in text)


def safe_cell(value: object) -> str:
    """The text to write for `value`: `None` is empty, formulas are quoted."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_START) and not is_plain_number(text):
        return "'" + text
    return text


def unsafe_cell(text: str) -> str:
    """Undo `safe_cell`, so an export can be imported again unchanged."""
    if text.startswith("'") and text[1:].startswith(FORMULA_START):
        return text[1:]
    return text
