"""Public pages: the treaty list and a treaty's participants (with downloads).

The country page shows treaties *and* partners, so it lives in the layer that composes both apps
(`coalition/pages/country.py`); this app knows nothing of partners.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.csv_export import csv_response, csv_text
from ratification.charts import parties_chart_responsive
from ratification.filters import CountryIndexFilterForm, ParticipantFilterForm
from ratification.models import Treaty
from ratification.selectors.countries import COUNTRY_SORT_KEYS, country_index, region_choices
from ratification.selectors.treaties import (
    DECLARATIONS_NEEDED,
    HEADLINE_TREATY,
    SORT_KEYS,
    ParticipantRow,
    TreatyParticipants,
    region_label,
    treaty_get,
    treaty_participants,
    treaty_summaries,
)


@require_safe
def treaty_list(request: HttpRequest) -> HttpResponse:
    return render(request, "ratification/treaty_list.html", {"summaries": treaty_summaries()})


def _treaty_or_404(slug: str) -> Treaty:
    try:
        return treaty_get(slug=slug)
    except Treaty.DoesNotExist as exc:
        raise Http404(_("No such treaty.")) from exc


def _filter_form(request: HttpRequest) -> ParticipantFilterForm:
    regions = [(r, region_label(r)) for r in region_choices()]
    return ParticipantFilterForm(data=request.GET, regions=regions)


def _participants(treaty: Treaty, cleaned: dict[str, Any]) -> TreatyParticipants:
    return treaty_participants(
        treaty=treaty,
        on=cleaned.get("as_of"),
        region=cleaned.get("region") or "",
        status=cleaned.get("status") or "",
        sort=cleaned.get("sort") or "country",
    )


@require_safe
def treaty_detail(request: HttpRequest, slug: str) -> HttpResponse:
    treaty = _treaty_or_404(slug)
    form = _filter_form(request)
    errors: list[str] = []
    if form.is_valid():
        cleaned = form.cleaned_data
    else:
        # A bad value never fails the page: say what was wrong and show everyone, unfiltered.
        errors = [
            f"{form.fields[name].label or name}: {' '.join(str(m) for m in msgs)}"
            for name, msgs in form.errors.items()
        ]
        cleaned = {}
    data = _participants(treaty, cleaned)
    params = {
        k: v for k in ("region", "status", "as_of") if (v := request.GET.get(k)) and not errors
    }
    current_sort = cleaned.get("sort") or "country"
    sort_links = {
        key: "?" + urlencode({**params, "sort": f"-{key}" if current_sort == key else key})
        for key in SORT_KEYS
    }
    chart_date = data.on or treaty.as_of
    chart = parties_chart_responsive(
        data.series,
        chart_id=f"parties-{treaty.slug}",
        title=_("Number of parties to the %(treaty)s over time")
        % {"treaty": treaty.localized_short_name},
        desc=_("Step chart: %(count)s parties as at %(date)s.")
        % {"count": data.parties, "date": date_format(chart_date) if chart_date else "—"},
        until=chart_date,
    )
    context = {
        "treaty": treaty,
        "data": data,
        "form": form,
        "filter_errors": errors,
        "sort": current_sort,
        "sort_links": sort_links,
        "download_query": urlencode(params),
        "chart": chart,
        "is_headline": treaty.slug == HEADLINE_TREATY,
        "art77": data.declarations.get("77", []),
        "art76": data.declarations.get("76", []),
        "declarations_needed": DECLARATIONS_NEEDED,
    }
    return render(request, "ratification/treaty_detail.html", context)


def _export_row(row: ParticipantRow) -> dict[str, Any]:
    return {
        "iso2": row.country_code,
        "country": row.country_name,
        "region": row.region,
        "status": row.status,
        "signature_date": row.signed_on,
        "consent_kind": row.consent_kind,
        "consent_date": row.consent_on,
        "entry_into_force": row.entry_into_force_on,
        "declarations": [{"article": a, "date": d} for a, d in row.declarations],
    }


@require_safe
def treaty_participants_download(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    if fmt not in ("csv", "json"):
        raise Http404(_("Downloads are available as CSV or JSON."))
    treaty = _treaty_or_404(slug)
    form = _filter_form(request)
    if not form.is_valid():
        return HttpResponse(
            form.errors.as_text(), status=400, content_type="text/plain; charset=utf-8"
        )
    data = _participants(treaty, form.cleaned_data)
    filename = f"{treaty.slug}-participants.{fmt}"
    if fmt == "json":
        payload = {
            "treaty": treaty.slug,
            "as_of": data.on or treaty.as_of,
            "source": treaty.source_url,
            "participants": [_export_row(r) for r in data.rows],
        }
        response = HttpResponse(
            json.dumps(payload, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1),
            content_type="application/json; charset=utf-8",
        )
    else:
        columns = [
            "iso2",
            "country",
            "region",
            "status",
            "signature_date",
            "consent_kind",
            "consent_date",
            "entry_into_force",
            "declarations",
        ]
        rows = []
        for row in data.rows:
            values = _export_row(row)
            values["declarations"] = row.declarations_display
            rows.append([values[c] for c in columns])
        return csv_response(csv_text(columns, rows), filename=filename, personal=False)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
def country_list(request: HttpRequest) -> HttpResponse:
    """Every country with its ICRMW status and treaty count; filters never fail the page."""
    regions = [(r, region_label(r)) for r in region_choices()]
    form = CountryIndexFilterForm(data=request.GET, regions=regions)
    cleaned = form.cleaned_data if form.is_valid() else {}
    sort = request.GET.get("sort", "")
    if sort.lstrip("-") not in COUNTRY_SORT_KEYS:
        sort = "country"
    index = country_index(
        q=cleaned.get("q") or "",
        status=cleaned.get("status") or "",
        region=cleaned.get("region") or "",
        kind=cleaned.get("kind") or "",
        sort=sort,
    )
    # Sorting keeps the filters (the valid ones); a second click on the sorted column reverses it.
    params = {key: value for key, value in cleaned.items() if value}
    sort_links = {
        key: "?" + urlencode({**params, "sort": f"-{key}" if sort == key else key})
        for key in COUNTRY_SORT_KEYS
    }
    return render(
        request,
        "ratification/country_list.html",
        {"index": index, "form": form, "sort": sort, "sort_links": sort_links},
    )
