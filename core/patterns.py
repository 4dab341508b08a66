"""Regular expressions the API states in its OpenAPI schema for the parameters it checks in code.

Shared by the apps' `OpenApiParameter`s and the schema hooks in `coalition/openapi.py`.
"""

from __future__ import annotations

# Dates from 1900 on (ParticipantFilterForm refuses earlier ones), as YYYY-MM-DD.
DATE_FROM_1900 = r"^(19|[2-9][0-9])[0-9]{2}-[0-9]{2}-[0-9]{2}$"
_NUMBER = r"-?[0-9]+(\.[0-9]+)?"
BBOX_PATTERN = rf"^{_NUMBER},{_NUMBER},{_NUMBER},{_NUMBER}$"
SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"
ISO2_PATTERN = r"^[A-Za-z]{2}$"
