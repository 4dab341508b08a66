"""Staff pages: campaigns overview with signatures per day, e-mail export, activity moderation."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from campaigns import selectors
from campaigns.models import Activity
from campaigns.services.activities import activity_moderate
from campaigns.services.exports import pledge_export_staff
from core.csv_export import csv_response
from core.http import object_or_404
from core.permissions import staff_required
from ratification.charts import bar_chart_responsive


@require_safe
@staff_required
def campaign_overview(request: HttpRequest) -> HttpResponse:
    per_day = selectors.signatures_per_day(days=14)
    chart = bar_chart_responsive(
        [(date_format(day, "j M"), count) for day, count in per_day],
        chart_id="staff-signatures",
        title=_("Confirmed signatures per day"),
        desc=_("One bar per day for the last 14 days; the table below gives the same numbers."),
    )
    return render(
        request,
        "campaigns/staff/overview.html",
        {
            "campaigns": list(selectors.campaign_list_staff()),
            "pending": selectors.activity_pending_list(),
            "per_day": per_day,
            "chart": chart,
        },
    )


@require_safe
@staff_required
def pledge_export(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = object_or_404(selectors.campaign_get, slug=slug)
    body = pledge_export_staff(campaign=campaign, actor=request.user)
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    return csv_response(body, filename=f"{campaign.slug}-pledges-{stamp}.csv", personal=True)


@require_POST
@staff_required
def activity_decide(request: HttpRequest, pk: int) -> HttpResponse:
    activity = object_or_404(selectors.activity_get, pk=pk)
    status = request.POST.get("status", "")
    if status not in (Activity.Status.APPROVED, Activity.Status.REJECTED):
        raise Http404
    activity_moderate(activity=activity, status=status, actor=request.user)
    messages.success(
        request,
        _("Activity “%(title)s”: %(status)s.")
        % {"title": activity.title, "status": activity.get_status_display()},
    )
    return redirect("campaigns:staff-overview")
