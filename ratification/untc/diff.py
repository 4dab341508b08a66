"""The pure part of a UNTC reconciliation: what a page says against what the database holds.

`ratification.services.imports` stores the result in an `ImportRun` and applies it.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import json
from dataclasses import dataclass

from django_countries import countries

from ratification.models import Treaty, TreatyAction
from ratification.untc import StatusPage

ActionKey = tuple[str, str, str]  # country, kind, article: the model's unique key per treaty

# The treaty fields a status page can tell us, and the StatusPage attribute that holds each.
TREATY_FIELDS: tuple[tuple[str, str], ...] = (
    ("name", "title"),
    ("adopted_on", "adopted_on"),
    ("entry_into_force_on", "entry_into_force"),
    ("as_of", "as_of"),
    ("header_signatories", "header_signatories"),
    ("header_parties", "header_parties"),
)


@dataclass(frozen=True, slots=True)
class PageAction:
    name: str
    date: datetime.date
    text: str


@dataclass(slots=True)
class Diff:
    added: list[dict[str, object]] = dataclasses.field(default_factory=list)
    changed: list[dict[str, object]] = dataclasses.field(default_factory=list)
    missing: list[dict[str, object]] = dataclasses.field(default_factory=list)
    unchanged: int = 0


def country_name(code: str) -> str:
    return str(countries.name(code)) or code


def page_actions(page: StatusPage) -> dict[ActionKey, PageAction]:
    """The page's actions by key. UNTC lists one date per state, kind and article; should it ever
    repeat one, the earliest date is the act that counts."""
    result: dict[ActionKey, PageAction] = {}
    for participant in page.participants:
        for action in participant.actions:
            key = (participant.iso2, action.kind, action.article)
            known = result.get(key)
            if known is None or action.date < known.date:
                result[key] = PageAction(participant.name, action.date, action.text)
    return result


def fingerprint(treaty: Treaty | None) -> str:
    """A digest of the treaty's current actions: a preview is applied only if it still holds."""
    rows: list[list[str]] = []
    if treaty is not None:
        rows = [
            [str(country), kind, article, date.isoformat(), text]
            for country, kind, article, date, text in TreatyAction.objects.filter(
                treaty=treaty
            ).values_list("country", "kind", "article", "date", "text")
        ]
    rows.sort()
    return hashlib.sha256(json.dumps(rows).encode()).hexdigest()


def iso(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def json_value(value: object) -> object:
    return value.isoformat() if isinstance(value, datetime.date) else value


def treaty_changes(treaty: Treaty | None, page: StatusPage) -> list[dict[str, object]]:
    changes = []
    for field, attr in TREATY_FIELDS:
        new = getattr(page, attr)
        if new is None or new == "":
            continue  # the page did not say: keep what we have
        old = getattr(treaty, field) if treaty is not None else None
        if old != new:
            changes.append({"field": field, "old": json_value(old), "new": json_value(new)})
    return changes


def action_diff(page: StatusPage, treaty: Treaty | None) -> Diff:
    """Added / changed / unchanged / no longer listed, keyed by (country, kind, article)."""
    wanted = page_actions(page)
    existing = {
        (str(a.country.code), a.kind, a.article): a
        for a in (TreatyAction.objects.filter(treaty=treaty) if treaty else [])
    }
    added: list[dict[str, object]] = []
    changed: list[dict[str, object]] = []
    missing: list[dict[str, object]] = []
    unchanged = 0
    for key, new in sorted(wanted.items()):
        country, kind, article = key
        old = existing.get(key)
        if old is None:
            added.append(
                {
                    "country": country,
                    "name": new.name,
                    "kind": kind,
                    "article": article,
                    "date": new.date.isoformat(),
                    "text": new.text,
                }
            )
        elif old.date != new.date or old.text != new.text:
            changed.append(
                {
                    "id": old.pk,
                    "country": country,
                    "name": new.name,
                    "kind": kind,
                    "article": article,
                    "old_date": old.date.isoformat(),
                    "new_date": new.date.isoformat(),
                    "old_text": old.text,
                    "new_text": new.text,
                }
            )
        else:
            unchanged += 1
    for key, old in sorted(existing.items()):
        if key not in wanted:
            country, kind, article = key
            missing.append(
                {
                    "id": old.pk,
                    "country": country,
                    "name": country_name(country),
                    "kind": kind,
                    "article": article,
                    "date": old.date.isoformat(),
                }
            )
    return Diff(added, changed, missing, unchanged)
