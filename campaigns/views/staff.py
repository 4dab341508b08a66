"""Staff pages: campaigns overview with signatures per day, e-mail export, activity moderation."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from campaigns import selectors
from campaigns.forms import CampaignStaffForm, MaterialUploadForm
from campaigns.models import Activity, Campaign
from campaigns.services.activities import activity_moderate
from campaigns.services.campaigns import (
    campaign_close,
    campaign_set_published,
    campaign_update,
    material_upload,
)
from campaigns.services.exports import pledge_export_staff
from core.csv_export import csv_response
from core.forms import add_service_errors
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


def _edit_page(
    request: HttpRequest,
    campaign: Campaign,
    *,
    form: CampaignStaffForm | None = None,
    material_form: MaterialUploadForm | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "campaigns/staff/campaign_edit.html",
        {
            "campaign": campaign,
            "form": form or CampaignStaffForm(initial=CampaignStaffForm.initial_for(campaign)),
            "material_form": material_form or MaterialUploadForm(),
            "materials": selectors.campaign_materials(campaign=campaign),
            "referrals": selectors.campaign_referral_counts(campaign=campaign),
        },
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@staff_required
def campaign_edit(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = object_or_404(selectors.campaign_get, slug=slug)
    if request.method != "POST":
        return _edit_page(request, campaign)
    form = CampaignStaffForm(request.POST)
    if form.is_valid():
        try:
            campaign_update(campaign=campaign, data=form.cleaned_data, actor=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The campaign is saved."))
            return redirect("campaigns:staff-campaign-edit", slug=campaign.slug)
    return _edit_page(request, campaign, form=form, status=400)


@require_POST
@staff_required
def campaign_state(request: HttpRequest, slug: str) -> HttpResponse:
    """Publish, take back to draft, or close (stop taking signatures from today)."""
    campaign = object_or_404(selectors.campaign_get, slug=slug)
    action = request.POST.get("action", "")
    try:
        if action == "publish":
            campaign_set_published(campaign=campaign, published=True, actor=request.user)
            done = _("“%(title)s” is published.")
        elif action == "unpublish":
            campaign_set_published(campaign=campaign, published=False, actor=request.user)
            done = _("“%(title)s” is a draft again: only staff see it.")
        elif action == "close":
            campaign_close(campaign=campaign, actor=request.user)
            done = _("“%(title)s” is closed: it no longer takes signatures.")
        else:
            raise Http404
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done % {"title": campaign.title})
    return redirect("campaigns:staff-overview")


@require_POST
@staff_required
def material_new(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = object_or_404(selectors.campaign_get, slug=slug)
    form = MaterialUploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            material_upload(
                campaign=campaign,
                title=form.cleaned_data["title"],
                language=form.cleaned_data["language"],
                upload=form.cleaned_data["file"],
                actor=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc, default_field="file")
        else:
            messages.success(request, _("The material is uploaded."))
            return redirect("campaigns:staff-campaign-edit", slug=campaign.slug)
    return _edit_page(request, campaign, material_form=form, status=400)
