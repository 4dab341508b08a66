"""CSV cells that a spreadsheet will not execute."""

from __future__ import annotations

# A cell starting with one of these is read as a formula by Excel, LibreOffice and Sheets
# ("=HYPERLINK(...)" exfiltration, DDE); tab and carriage return hide the prefix.
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """`value` as text, prefixed with an apostrophe when a spreadsheet would run it."""
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_PREFIXES):
        return "'" + text
    return text
