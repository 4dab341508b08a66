"""Map UN Treaty Collection participant names to ISO 3166-1 alpha-2 codes.

Names are matched against ``ratification/data/countries_m49.csv`` after normalisation (casefold,
accents stripped, punctuation and whitespace collapsed), with an explicit override table for the
spellings UNTC uses that differ from the CSV ("Türkiye", "Bolivia (Plurinational State of)", ...).
Unknown names are never guessed: :func:`iso2_for_participant` raises
:class:`UnknownParticipantError`.

This module is plain Python (no Django) so it can be used and tested in isolation.
"""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from pathlib import Path

__all__ = [
    "COUNTRIES_CSV",
    "UnknownParticipantError",
    "UntcParseError",
    "iso2_for_participant",
    "normalise_name",
]

COUNTRIES_CSV = Path(__file__).resolve().parent.parent / "data" / "countries_m49.csv"


class UntcParseError(ValueError):
    """The input is not a complete, well-formed UNTC status page (the message says why)."""


class UnknownParticipantError(UntcParseError):
    """One or more participant names could not be mapped to an ISO 3166-1 alpha-2 code."""

    def __init__(self, names: list[str]) -> None:
        self.names: list[str] = list(names)
        listed = ", ".join(repr(name) for name in self.names)
        noun = "name" if len(self.names) == 1 else "names"
        super().__init__(
            f"Unknown participant {noun} {listed}: no ISO 3166-1 code is known for "
            f"{'it' if len(self.names) == 1 else 'them'}. Add the UNTC spelling to the override "
            "table in ratification/untc/names.py."
        )

    def __reduce__(self) -> tuple[type[UnknownParticipantError], tuple[list[str]]]:
        # Keep the exception picklable (e.g. when it crosses a Celery task boundary).
        return (type(self), (self.names,))


# UNTC spellings (and a few historical/alternative ones) that do not match the CSV's short
# names. Keys are written naturally; they are normalised when the index is built.
_OVERRIDES: dict[str, str] = {
    "Bahamas (The)": "BS",
    "Bolivarian Republic of Venezuela": "VE",
    "Bolivia (Plurinational State of)": "BO",
    "Cape Verde": "CV",
    "Congo": "CG",
    "Cook Islands": "CK",
    "Côte d'Ivoire": "CI",
    "Czech Republic": "CZ",
    "Czechia": "CZ",
    "Democratic People's Republic of Korea": "KP",
    "Democratic Republic of the Congo": "CD",
    # Not a state; "EU" is exceptionally reserved in ISO 3166-1 for the European Union, which
    # is a participant (by formal confirmation) in the CRPD and its Optional Protocol.
    "European Union": "EU",
    "Gambia (Republic of The)": "GM",
    "Holy See": "VA",
    "Iran (Islamic Republic of)": "IR",
    "Kosovo": "XK",
    "Lao People's Democratic Republic": "LA",
    "Libyan Arab Jamahiriya": "LY",
    "Micronesia (Federated States of)": "FM",
    "Netherlands (Kingdom of the)": "NL",
    "Niue": "NU",
    "North Macedonia": "MK",
    "Republic of Korea": "KR",
    "Republic of Moldova": "MD",
    "Russian Federation": "RU",
    "Saint Kitts and Nevis": "KN",
    "Saint Lucia": "LC",
    "Saint Vincent and the Grenadines": "VC",
    "Sao Tome and Principe": "ST",
    "State of Palestine": "PS",
    "Swaziland": "SZ",
    "Syrian Arab Republic": "SY",
    "The former Yugoslav Republic of Macedonia": "MK",
    "Turkey": "TR",
    "Türkiye": "TR",
    "United Kingdom of Great Britain and Northern Ireland": "GB",
    "United Republic of Tanzania": "TZ",
    "United States of America": "US",
    "Venezuela (Bolivarian Republic of)": "VE",
    "Viet Nam": "VN",
}

_NON_WORD = re.compile(r"[\W_]+")
_ISO2 = re.compile(r"[A-Z]{2}")


def normalise_name(name: str) -> str:
    """Casefold, strip accents, turn punctuation into spaces and collapse whitespace."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.replace("&", " and ")
    return " ".join(_NON_WORD.sub(" ", stripped).split())


def _iso2_from_csv_cell(cell: str) -> str:
    """Return the alpha-2 code from a CSV cell.

    Most cells hold a plain code ("FR"); a couple hold a pattern listing an alias as well
    ("^GR$|^EL$", "^GB$|^UK$"). The first code is the ISO 3166-1 one.
    """
    codes: list[str] = _ISO2.findall(cell.strip())
    if not codes:
        raise UntcParseError(f"countries_m49.csv has an unusable iso_alpha2 value {cell!r}")
    return codes[0]


@functools.cache
def _name_index() -> dict[str, str]:
    """Normalised name -> ISO2, built once from the CSV plus the override table."""
    index: dict[str, str] = {}
    with COUNTRIES_CSV.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            name = (row.get("name") or "").strip()
            if name:
                index[normalise_name(name)] = _iso2_from_csv_cell(row.get("iso_alpha2") or "")
    for name, code in _OVERRIDES.items():
        index[normalise_name(name)] = code
    return index


def iso2_for_participant(name: str) -> str:
    """Return the ISO 3166-1 alpha-2 code for a (cleaned) UNTC participant name.

    Raises :class:`UnknownParticipantError` if the name is not known.
    """
    code: str | None = _name_index().get(normalise_name(name))
    if code is None:
        raise UnknownParticipantError([name])
    return code
