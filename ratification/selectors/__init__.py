"""Reads for the ratification app. Views, API and templates ask here; they never build queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Max

from ratification.models import Treaty

DATA_SOURCE_CACHE_KEY = "ratification:data-source"


@dataclass(frozen=True, slots=True)
class DataSourceSummary:
    as_of: datetime.date | None
    treaty_count: int


def data_source_summary() -> DataSourceSummary:
    """The latest "status as at" date across treaties; cached because every page footer shows it."""
    summary: DataSourceSummary | None = cache.get(DATA_SOURCE_CACHE_KEY)
    if summary is None:
        agg = Treaty.objects.aggregate(as_of=Max("as_of"))
        summary = DataSourceSummary(as_of=agg["as_of"], treaty_count=Treaty.objects.count())
        cache.set(DATA_SOURCE_CACHE_KEY, summary, 300)
    return summary
