"""drf-spectacular enum names: one stable name per choice set, no hash-suffixed collisions."""

from __future__ import annotations

import re

import pytest
from drf_spectacular.generators import SchemaGenerator


@pytest.mark.django_db
def test_enum_names_are_stable_and_unsuffixed():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    names = set(schema["components"]["schemas"])
    assert {
        "PartnerKindEnum",
        "CommitmentKindEnum",
        "CommitmentStatusEnum",
        "CountryEnum",
        "TreatyActionKindEnum",
    } <= names
    hashed = sorted(n for n in names if re.fullmatch(r".*[0-9a-f]{3}Enum", n))
    assert not hashed, hashed
    assert "TargetCountryEnum" not in names
