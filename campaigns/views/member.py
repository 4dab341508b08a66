"""Member area: partners register their activities for a day of action."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from campaigns import selectors
from campaigns.forms import ActivityForm
from campaigns.models import Campaign
from campaigns.services.activities import ACTIVITY_THROTTLE_SCOPE, activity_create
from core.forms import add_service_errors
from core.http import object_or_404
from core.throttles import scope_throttled


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def activity_new(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = object_or_404(selectors.campaign_get_public, slug=slug, user=request.user)
    if campaign.kind != Campaign.Kind.DAY_OF_ACTION:
        raise Http404
    partners = selectors.member_partners(user=request.user)
    if not partners:
        raise PermissionDenied
    form = ActivityForm(request.POST or None, partners=partners)
    # The API's allowance for proposing activities, counted together with the API's.
    if request.method == "POST" and scope_throttled(request, scope=ACTIVITY_THROTTLE_SCOPE):
        form.add_error(
            None, _("You have proposed many activities in a short time. Try again later.")
        )
        return render(
            request,
            "campaigns/activity_form.html",
            {"campaign": campaign, "form": form},
            status=429,
        )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            activity_create(
                campaign=campaign,
                partner=data["partner"],
                user=request.user,
                title=data["title"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                timezone_name=data["timezone_name"],
                city=data["city"],
                country=data["country"],
                language=data["language"],
                description=data["description"],
                online_url=data["online_url"],
                show_address=data["show_address"],
                address=data["address"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Thank you. Your activity will appear once coalition staff approve it.")
            )
            return redirect("campaigns:campaign-detail", slug=campaign.slug)
    return render(
        request,
        "campaigns/activity_form.html",
        {"campaign": campaign, "form": form},
        status=400 if request.method == "POST" else 200,
    )
