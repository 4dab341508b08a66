"""What the UNTC status page parser returns: the action kinds and the parsed-page dataclasses."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

SIGNATURE_KINDS: frozenset[str] = frozenset({"signature", "succession_to_signature"})
RATIFICATION_KINDS: frozenset[str] = frozenset(
    {"ratification", "accession", "succession", "acceptance", "approval", "formal_confirmation"}
)


@dataclass(frozen=True, slots=True)
class ParsedAction:
    """One dated action of a participant.

    ``kind`` is one of "signature", "succession_to_signature", "ratification", "accession",
    "succession", "acceptance", "approval", "formal_confirmation", "declaration" or
    "denunciation". For declarations ``article`` is the article number ("76" or "77") and
    ``text`` a short plain-text excerpt.
    """

    kind: str
    date: datetime.date
    article: str = ""
    text: str = ""


@dataclass(frozen=True, slots=True)
class ParsedParticipant:
    """One row of the participants table (plus declarations found for it).

    ``withdrawn`` holds the actions UNTC prints in square brackets: they are no longer in force
    (the participant later denounced the treaty; the page explains it only in prose footnotes).
    They are not counted in ``actions``, so a participant is a party/signatory only on the
    strength of its current actions, exactly as in the page header's counts.
    """

    name: str
    iso2: str
    footnotes: tuple[str, ...]
    actions: tuple[ParsedAction, ...]
    withdrawn: tuple[ParsedAction, ...] = ()

    @property
    def is_party(self) -> bool:
        return any(action.kind in RATIFICATION_KINDS for action in self.actions)

    @property
    def is_signatory(self) -> bool:
        return any(action.kind in SIGNATURE_KINDS for action in self.actions)


@dataclass(frozen=True, slots=True)
class StatusPage:
    """A parsed UNTC status page."""

    reference: str
    title: str
    place_and_date: str
    adopted_on: datetime.date | None
    entry_into_force: datetime.date | None
    as_of: datetime.date
    header_signatories: int
    header_parties: int
    participants: tuple[ParsedParticipant, ...]
