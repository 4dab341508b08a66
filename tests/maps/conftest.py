from __future__ import annotations

import datetime

import pytest

from ratification.models import ActionKind
from ratification.services.reference_data import countries_load
from tests.factories import TreatyActionFactory, TreatyFactory


@pytest.fixture
def icrmw(db):
    """The M49 country table and the ICRMW with Mexico (signed 1991, ratified 1999) and the
    Philippines (signed 1993, ratified 1995); Chile only signed it in 1993 here."""
    countries_load()
    treaty = TreatyFactory(as_of=datetime.date(2026, 2, 3))
    for code, kind, date in [
        ("MX", ActionKind.SIGNATURE, datetime.date(1991, 5, 22)),
        ("MX", ActionKind.RATIFICATION, datetime.date(1999, 3, 8)),
        ("PH", ActionKind.SIGNATURE, datetime.date(1993, 11, 15)),
        ("PH", ActionKind.RATIFICATION, datetime.date(1995, 7, 5)),
        ("CL", ActionKind.SIGNATURE, datetime.date(1993, 9, 24)),
    ]:
        TreatyActionFactory(treaty=treaty, country=code, kind=kind, date=date)
    return treaty
