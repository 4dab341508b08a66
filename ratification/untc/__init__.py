"""Pure-Python parser for UN Treaty Collection (treaties.un.org) status pages (no Django)."""

from __future__ import annotations

from .names import UnknownParticipantError, UntcParseError, iso2_for_participant
from .parser import (
    RATIFICATION_KINDS,
    SIGNATURE_KINDS,
    ParsedAction,
    ParsedParticipant,
    StatusPage,
    parse_status_page,
)

__all__ = [
    "RATIFICATION_KINDS",
    "SIGNATURE_KINDS",
    "ParsedAction",
    "ParsedParticipant",
    "StatusPage",
    "UnknownParticipantError",
    "UntcParseError",
    "iso2_for_participant",
    "parse_status_page",
]
