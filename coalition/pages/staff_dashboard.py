"""The staff dashboard: ICRMW progress, recent actions, the last import, the next ratifiers, and
what waits for staff in every app (join requests, activities, demo partners, signatures).

It needs ratification, partners and campaigns, so it is composed here from each app's selectors.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from campaigns.models import Campaign
from campaigns.selectors import activity_pending_count, campaign_drafts, signatures_per_day
from core.permissions import staff_required
from partners.selectors import demo_partner_count, join_requests_pending_count
from ratification.charts import bar_chart_responsive, parties_chart_responsive
from ratification.selectors.dashboard import staff_dashboard

SIGNATURE_CHART_DAYS = 14


@dataclass(frozen=True, slots=True)
class StaffWork:
    join_requests_pending: int
    activities_pending: int
    demo_partners: int
    signatures_per_day: list[tuple[datetime.date, int]]
    draft_campaigns: list[Campaign]


def staff_work(*, today: datetime.date | None = None) -> StaffWork:
    """The staff's queues, the demo partners still loaded, the draft campaigns and the campaign
    signature series: five queries."""
    return StaffWork(
        join_requests_pending=join_requests_pending_count(),
        activities_pending=activity_pending_count(),
        demo_partners=demo_partner_count(),
        signatures_per_day=signatures_per_day(days=SIGNATURE_CHART_DAYS, today=today),
        draft_campaigns=campaign_drafts(),
    )


@require_safe
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
    work = staff_work()
    signatures_chart = bar_chart_responsive(
        [(date_format(day, "j M"), count) for day, count in work.signatures_per_day],
        chart_id="staff-signatures",
        title=_("Confirmed campaign signatures per day"),
        desc=_("One bar per day for the last 14 days, all campaigns together."),
    )
    return render(
        request,
        "coalition/staff_dashboard.html",
        {
            "data": data,
            "work": work,
            "parties_chart": parties_chart,
            "region_chart": region_chart,
            "signatures_chart": signatures_chart,
        },
    )
