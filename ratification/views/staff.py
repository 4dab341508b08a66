"""The staff dashboard: ICRMW progress, recent actions, the last import and the next ratifiers."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from coalition.staff_work import staff_work
from core.permissions import staff_required
from ratification.charts import bar_chart_responsive, parties_chart_responsive
from ratification.selectors.dashboard import staff_dashboard


@require_GET
@staff_required
def dashboard(request: HttpRequest) -> HttpResponse:
    data = staff_dashboard()
    name = data.headline.short_name if data.headline else "ICRMW"
    parties_chart = parties_chart_responsive(
        data.series,
        chart_id="staff-parties",
        title=_("Number of parties to the %(treaty)s over time") % {"treaty": name},
        desc=_("Step chart: %(count)s parties today.") % {"count": data.parties},
        until=data.headline.as_of if data.headline else None,
    )
    region_chart = bar_chart_responsive(
        [(r.label, r.parties) for r in data.by_region],
        chart_id="staff-regions",
        title=_("Parties to the %(treaty)s by region") % {"treaty": name},
        desc=_("One bar per UN M49 region; the table below gives the same numbers."),
    )
    # Queues and signatures of the other apps, composed in the project layer (ratification
    # imports nothing from partners or campaigns).
    work = staff_work()
    signatures_chart = bar_chart_responsive(
        [(date_format(day, "j M"), count) for day, count in work.signatures_per_day],
        chart_id="staff-signatures",
        title=_("Confirmed campaign signatures per day"),
        desc=_("One bar per day for the last 14 days, all campaigns together."),
    )
    return render(
        request,
        "ratification/staff/dashboard.html",
        {
            "data": data,
            "work": work,
            "parties_chart": parties_chart,
            "region_chart": region_chart,
            "signatures_chart": signatures_chart,
        },
    )
