"""Derive a state's status under a treaty, for any date, from its dated actions.

Pure functions over plain values (no queries), so that a whole participants table is derived from
one query and the rules are unit-tested without a database. The rules:

* party: a ratification, accession, succession, acceptance, approval or formal confirmation was
  deposited on or before the date, and no denunciation has taken effect since. Parties are
  counted by date of deposit, as the UN Treaty Collection counts them; the date the treaty enters
  into force for that state follows the treaty's own rule (`Treaty.entry_into_force_for_state`).
* signatory: signed (or succeeded to a signature) on or before the date, not a party.
* denounced: was a party, and its denunciation has taken effect since (a former party; a later
  consent makes it a party again). A denunciation is recorded with the date it takes effect.
* none: everything else ("No action").
* not_applicable: never derived from actions; `applicable_status` gives it to a territory or
  area with no action of its own (Åland, Greenland), which cannot take action under a treaty.

`TreatyStatus` is the one vocabulary of these codes and their translated labels: the map and its
legend, the country index, the country pages and the API (the codes are its enum values) all use
it, so a status reads the same wherever it is shown.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal, Protocol

from django.db import models
from django.utils.translation import gettext_lazy as _

from ratification.models import CONSENT_KINDS, SIGNATURE_KINDS, ActionKind

Status = Literal["party", "signatory", "denounced", "none", "not_applicable"]
PARTY: Status = "party"
SIGNATORY: Status = "signatory"
DENOUNCED: Status = "denounced"
NONE: Status = "none"
NOT_APPLICABLE: Status = "not_applicable"


class TreatyStatus(models.TextChoices):
    """A state's standing under a treaty: the codes (stable API values) and the words every page
    shows for them, in this order (the order of legends, filters and status sorts)."""

    PARTY = "party", _("Party")
    SIGNATORY = "signatory", _("Signatory")
    DENOUNCED = "denounced", _("Former party")
    NONE = "none", _("No action")
    NOT_APPLICABLE = "not_applicable", _("Not applicable (territory)")


STATUS_ORDER: dict[str, int] = {code: rank for rank, code in enumerate(TreatyStatus.values)}

# States that are not UN members but may join UN treaties in their own name (the Holy See, the
# State of Palestine, the Cook Islands and Niue), and Kosovo: "no action" means something for
# them; for a territory it does not.
NON_MEMBER_STATES = frozenset({"CK", "NU", "PS", "VA", "XK"})


def status_label(status: str) -> str:
    """The translated words for a status code (an unknown code is shown as it is)."""
    return str(TreatyStatus(status).label) if status in TreatyStatus.values else status


def applicable_status(status: Status, *, code: str, un_member: bool) -> Status:
    """`status` as shown for `code`: "no action" becomes "not applicable (territory)" for a
    territory or area (neither a UN member nor one of `NON_MEMBER_STATES`)."""
    if status == NONE and not un_member and code.upper() not in NON_MEMBER_STATES:
        return NOT_APPLICABLE
    return status


class ActionLike(Protocol):
    """Anything with the fields of a `TreatyAction` row (a model instance or a plain record)."""

    @property
    def country_code(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def date(self) -> datetime.date: ...
    @property
    def article(self) -> str: ...


@dataclass(frozen=True, slots=True)
class ActionRecord:
    country_code: str
    kind: str
    date: datetime.date
    article: str = ""


@dataclass(slots=True)
class CountryStatus:
    country_code: str
    status: Status = NONE
    signed_on: datetime.date | None = None
    signature_kind: str = ""
    consent_on: datetime.date | None = None
    consent_kind: str = ""
    entry_into_force_on: datetime.date | None = None
    denounced_on: datetime.date | None = None
    declarations: list[tuple[str, datetime.date]] = field(default_factory=list)

    @property
    def is_party(self) -> bool:
        return self.status == PARTY

    def has_declaration(self, article: str) -> bool:
        return any(a == article for a, _ in self.declarations)


# On one day, a denunciation taking effect comes before a new consent: Guyana's re-accession to
# the ICCPR Optional Protocol was deposited on 5 January 1999, the day its denunciation took effect.
_SAME_DAY_ORDER: dict[str, int] = {ActionKind.DENUNCIATION: 0, ActionKind.SIGNATURE: 1}


def _chronological(action: ActionLike) -> tuple[datetime.date, int, str]:
    return (action.date, _SAME_DAY_ORDER.get(action.kind, 2), action.kind)


def derive_status(
    actions: Iterable[ActionLike],
    *,
    on: datetime.date | None = None,
    entry_into_force: Callable[[datetime.date], datetime.date] | None = None,
) -> dict[str, CountryStatus]:
    """Status of every country that has at least one action on or before `on` (all if None).

    `entry_into_force` maps a deposit date to the state's entry-into-force date (pass
    `treaty.entry_into_force_for_state`). Countries with no action by then are absent: their
    status is `none`.
    """
    by_country: dict[str, list[ActionLike]] = defaultdict(list)
    for action in actions:
        if on is None or action.date <= on:
            by_country[action.country_code].append(action)

    result: dict[str, CountryStatus] = {}
    for code, country_actions in by_country.items():
        country_actions.sort(key=_chronological)
        status = CountryStatus(country_code=code)
        for action in country_actions:
            if action.kind in SIGNATURE_KINDS and status.signed_on is None:
                status.signed_on, status.signature_kind = action.date, action.kind
            elif action.kind in CONSENT_KINDS:
                # A later consent after a denunciation (re-accession) makes the state a party again.
                status.consent_on, status.consent_kind = action.date, action.kind
                status.denounced_on = None
            elif action.kind == ActionKind.DENUNCIATION:
                status.denounced_on = action.date
            elif action.kind == ActionKind.DECLARATION and action.article:
                status.declarations.append((action.article, action.date))
        if status.consent_on and status.denounced_on is None:
            status.status = PARTY
            if entry_into_force is not None:
                status.entry_into_force_on = entry_into_force(status.consent_on)
        elif status.signed_on and status.denounced_on is None:
            status.status = SIGNATORY
        elif status.denounced_on is not None:
            status.status = DENOUNCED
        result[code] = status
    return result


def count_signed(statuses: Iterable[CountryStatus]) -> int:
    """States that have signed, whatever they did next: the UN's "Signatories" header count
    (parties that signed before ratifying included, parties by accession without signature not)."""
    return sum(1 for status in statuses if status.signed_on is not None)


def count_by_status(statuses: Iterable[CountryStatus]) -> dict[Status, int]:
    counts: dict[Status, int] = {PARTY: 0, SIGNATORY: 0, DENOUNCED: 0, NONE: 0}
    for status in statuses:
        counts[status.status] += 1
    return counts


def parties_over_time(actions: Iterable[ActionLike]) -> list[tuple[datetime.date, int]]:
    """Number of parties after each date on which the count changed, in date order."""
    events = sorted(
        (a for a in actions if a.kind in CONSENT_KINDS or a.kind == ActionKind.DENUNCIATION),
        key=_chronological,
    )
    parties: set[str] = set()
    series: list[tuple[datetime.date, int]] = []
    for event in events:
        date, code, kind = event.date, event.country_code, event.kind
        if kind == ActionKind.DENUNCIATION:
            parties.discard(code)
        else:
            parties.add(code)
        if series and series[-1][0] == date:
            series[-1] = (date, len(parties))
        else:
            series.append((date, len(parties)))
    return series
