"""The embeddable widget: a campaign's counter and its individual sign form, made to be framed
by partners' websites (`core.framing.embeddable`: no X-Frame-Options, `frame-ancestors *`).

Inside another site's frame the browser sends none of our cookies, so the form cannot rest on
the CSRF cookie: `widget_sign` is CSRF-exempt, and requires instead the signed per-render token
of campaigns/widget_tokens.py. It signs as nobody (`user=None`), never with a session that
might ride along, so a forged cross-site POST can do no more than the anonymous form can. The
write is the main sign flow's (`pledge_create`): the same validation, per-address throttle,
honeypot and confirmation e-mail. No view here sets a cookie.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from campaigns import selectors
from campaigns.forms import WidgetSignForm
from campaigns.models import Campaign, Pledge
from campaigns.services.pledges import PledgeThrottled, pledge_create
from campaigns.widget_tokens import (
    WIDGET_TOKEN_MAX_AGE,
    WidgetTokenExpired,
    WidgetTokenInvalid,
    widget_token,
    widget_token_check,
)
from core.forms import HONEYPOT_FIELD, add_service_errors
from core.framing import embeddable
from core.http import client_address, object_or_404
from core.mail import request_base_url

# The frame partners are given (templates/campaigns/includes/embed_snippet.html).
WIDGET_WIDTH = 320
WIDGET_HEIGHT = 400
SIGNERS_IN_WIDGET = 5


def _campaign_or_404(request: HttpRequest, slug: str) -> Campaign:
    return object_or_404(selectors.campaign_get_public, slug=slug, user=request.user)


def _language() -> str:
    return "es" if (get_language() or "en").startswith("es") else "en"


def _takes_signatures(campaign: Campaign) -> bool:
    return campaign.is_published and campaign.is_open() and campaign.accepts_individuals


def _render(
    request: HttpRequest, campaign: Campaign, form: WidgetSignForm | None, *, status: int = 200
) -> HttpResponse:
    counts = selectors.campaign_counts(campaign=campaign, by_country=False)
    context: dict[str, Any] = {
        "campaign": campaign,
        "counts": counts,
        "progress_max": max(campaign.goal, counts.total),
        "signers": selectors.pledge_public_list(campaign=campaign, limit=SIGNERS_IN_WIDGET),
        "form": form,
        # A fresh token on every render, a refused submission's included.
        "widget_token": widget_token(campaign=campaign) if form is not None else "",
    }
    return render(request, "campaigns/widget.html", context, status=status)


@require_safe
@embeddable
def widget(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _campaign_or_404(request, slug)
    form = WidgetSignForm() if _takes_signatures(campaign) else None
    return _render(request, campaign, form)


def _token_error(request: HttpRequest, campaign: Campaign) -> str | None:
    try:
        widget_token_check(token=request.POST.get("token", ""), campaign=campaign)
    except WidgetTokenExpired:
        hours = int(WIDGET_TOKEN_MAX_AGE.total_seconds() // 3600)
        return _(
            "This form was opened more than %(hours)s hours ago. Nothing was saved: "
            "check your details and send the form again."
        ) % {"hours": hours}
    except WidgetTokenInvalid:
        return _(
            "This form could not be verified. Nothing was saved: check your details and send "
            "the form again."
        )
    return None


@csrf_exempt  # framed by other sites, which send no CSRF cookie: the form token stands in
@require_POST
@embeddable
def widget_sign(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _campaign_or_404(request, slug)
    if not campaign.accepts_individuals:
        return redirect("campaigns:widget", slug=campaign.slug)
    form = WidgetSignForm(request.POST)
    token_error = _token_error(request, campaign)
    if form.is_valid() and token_error is None:
        data = form.cleaned_data
        try:
            pledge_create(
                campaign=campaign,
                kind=Pledge.Kind.INDIVIDUAL,
                name=data["name"],
                email=data["email"],
                country=data["country"],
                city=data.get("city", ""),
                display=data["display"],
                language=_language(),
                client_address=client_address(request),
                honeypot=data.get(HONEYPOT_FIELD, ""),
                # Never the session's user: this view takes no CSRF cookie.
                user=None,
                base_url=request_base_url(request),
            )
        except PledgeThrottled:
            return render(
                request, "campaigns/widget_throttled.html", {"campaign": campaign}, status=429
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            # The same answer for a new address, one that had signed already and a bot caught
            # by the honeypot, as on the campaign page.
            return redirect("campaigns:widget-signed", slug=campaign.slug)
    if token_error is not None:
        form.add_error(None, token_error)
    return _render(request, campaign, form, status=400)


@require_safe
@embeddable
def widget_signed(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _campaign_or_404(request, slug)
    return render(request, "campaigns/widget_signed.html", {"campaign": campaign})
