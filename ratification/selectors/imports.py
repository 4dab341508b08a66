"""Reads of UNTC import runs for the staff pages.

Not-found contract (as in every selectors module): `*_get` raises the model's `DoesNotExist`.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Max, QuerySet
from django.utils.text import capfirst

from ratification.models import ImportRun, Treaty


def import_runs() -> QuerySet[ImportRun]:
    """Every import run, newest first (paginated by the caller)."""
    return ImportRun.objects.select_related("treaty", "created_by").order_by("-created_at", "-id")


def import_run_get(*, pk: int) -> ImportRun:
    return import_runs().get(pk=pk)


def import_last_success_at() -> datetime.datetime | None:
    """When the UNTC data was last read successfully (applied, or found unchanged), by the
    scheduled refresh or a staff upload; None if never."""
    succeeded = (ImportRun.Status.APPLIED, ImportRun.Status.NO_CHANGE)
    latest = ImportRun.objects.filter(status__in=succeeded).aggregate(at=Max("created_at"))
    return latest["at"]


def treaty_field_label(field: str) -> str:
    """The human, translated label of a treaty field named in a stored diff ("Parties per
    source" for `header_parties`): the model's verbose name, so the admin and the diff agree.
    A field the model no longer has (an old diff) keeps its stored name rather than failing."""
    try:
        model_field = Treaty._meta.get_field(field)
    except FieldDoesNotExist:
        return field
    return str(capfirst(getattr(model_field, "verbose_name", field)))


def treaty_changes_labelled(changes: list[dict[str, object]]) -> list[dict[str, object]]:
    """A stored diff's treaty changes, each with its human `label` beside the field name."""
    return [
        change | {"label": treaty_field_label(str(change.get("field", "")))} for change in changes
    ]
