from __future__ import annotations

from django.http import HttpRequest

from ratification.selectors import data_source_summary


def data_source(request: HttpRequest) -> dict[str, object]:
    """Where the ratification data comes from and as of when, for the footer of every page."""
    return {"data_source": data_source_summary()}
