"""Reads of UNTC import runs for the staff pages.

Not-found contract (as in every selectors module): `*_get` raises the model's `DoesNotExist`.
"""

from __future__ import annotations

from django.db.models import QuerySet

from ratification.models import ImportRun


def import_runs() -> QuerySet[ImportRun]:
    """Every import run, newest first (paginated by the caller)."""
    return ImportRun.objects.select_related("treaty", "created_by").order_by("-created_at", "-id")


def import_run_get(*, pk: int) -> ImportRun:
    return import_runs().get(pk=pk)
