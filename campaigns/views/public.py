"""Public campaign pages: list, campaign (with the sign forms), confirm and withdraw links, the
activities calendar and the public signer export (the embeddable widget: views/widget.py)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from campaigns import selectors
from campaigns.filters import CampaignFilter
from campaigns.forms import IndividualSignForm, OrganisationSignForm
from campaigns.ical import activities_ical
from campaigns.links import LinkExpired, LinkInvalid, Purpose, pledge_from_token
from campaigns.maps import activities_small_map
from campaigns.models import Campaign, Pledge
from campaigns.services.pledges import (
    PledgeThrottled,
    pledge_confirm,
    pledge_create,
    pledge_referral_code,
    pledge_withdraw,
    referral_code_new,
)
from campaigns.share import share_links
from campaigns.validators import referral_code_or_blank
from core.csv_export import csv_response, csv_text
from core.forms import HONEYPOT_FIELD, add_service_errors
from core.http import client_address, object_or_404
from core.mail import request_base_url
from core.permissions import user_is_staff
from partners.models import Partner

SIGNERS_ON_PAGE = 50


def _campaign_or_404(request: HttpRequest, slug: str) -> Campaign:
    return object_or_404(selectors.campaign_get_public, slug=slug, user=request.user)


def _language() -> str:
    return "es" if (get_language() or "en").startswith("es") else "en"


def _referral_session_key(campaign: Campaign) -> str:
    return f"campaigns:referral:{campaign.pk}"


def _confirmed_session_key(campaign: Campaign) -> str:
    return f"campaigns:confirmed-at-once:{campaign.pk}"


def _share_context(
    request: HttpRequest, campaign: Campaign, *, referral: str = ""
) -> dict[str, Any]:
    """The share panel: the campaign's messages and the page, each with share links to the
    campaign page; after signing, the link carries the signer's ?ref= code, so the signatures
    it brings are counted for their share."""
    page_url = request.build_absolute_uri(
        reverse("campaigns:campaign-detail", kwargs={"slug": campaign.slug})
    )
    share_url = f"{page_url}?{urlencode({'ref': referral})}" if referral else page_url
    messages = selectors.campaign_messages(campaign=campaign)
    return {
        "share_url": share_url,
        "messages_to_share": [(m, share_links(text=m.full_text, url=share_url)) for m in messages],
        "page_share": share_links(text=campaign.title, url=share_url),
    }


@require_safe
def campaign_list(request: HttpRequest) -> HttpResponse:
    filterset = CampaignFilter(request.GET or None, queryset=selectors.campaign_list_public())
    filtered = (
        filterset.is_bound and filterset.is_valid() and any(filterset.form.cleaned_data.values())
    )
    # A value that matches no kind is reported and the full list shown, never a server error.
    campaigns = list(filterset.qs if filtered else selectors.campaign_list_public())
    return render(
        request,
        "campaigns/campaign_list.html",
        {
            "campaigns": campaigns,
            "filter_form": filterset.form,
            "filter_errors": filterset.is_bound and not filterset.is_valid(),
            # "Showing 2 of 5": the unfiltered total costs one count, and only when filtering.
            "total": selectors.campaign_list_public().count() if filtered else None,
            # Staff are told where unpublished campaigns wait (a new install has only drafts).
            "drafts": selectors.campaign_draft_count() if user_is_staff(request.user) else 0,
        },
    )


def _member_prefill(request: HttpRequest, partners: list[Partner]) -> dict[str, Any]:
    """A signed-in member signing for their organisation: their name and account address, and
    the partner (when they have one) with its country and city."""
    if not partners:
        return {}
    user = request.user
    prefill: dict[str, Any] = {
        "name": user.get_full_name() or user.get_username(),  # type: ignore[union-attr]
        "email": getattr(user, "email", ""),
    }
    if len(partners) == 1:
        (partner,) = partners
        prefill.update(partner=partner, country=str(partner.country), city=partner.city)
    return prefill


def _detail_context(
    request: HttpRequest, campaign: Campaign, forms: dict[str, Any] | None = None
) -> dict[str, Any]:
    partners = selectors.member_partners(user=request.user)
    forms = forms or {}
    # Followed from someone's share link: the sign forms carry its code to the new pledge.
    initial = {"ref": referral_code_or_blank(request.GET.get("ref"))}
    if campaign.accepts_organisations and "organisation" not in forms:
        forms["organisation"] = OrganisationSignForm(
            partners=partners, initial={**initial, **_member_prefill(request, partners)}
        )
    if campaign.accepts_individuals and "individual" not in forms:
        forms["individual"] = IndividualSignForm(initial=initial)
    counts = selectors.campaign_counts(campaign=campaign)
    activity_groups = (
        selectors.activities_by_country(campaign=campaign)
        if campaign.kind == Campaign.Kind.DAY_OF_ACTION
        else []
    )
    activities_map = activities_small_map(
        activities=[a for group in activity_groups for a in group.activities],
        page_path=reverse("campaigns:campaign-detail", kwargs={"slug": campaign.slug}),
    )
    return {
        "campaign": campaign,
        "counts": counts,
        "target": selectors.campaign_target_status(campaign=campaign),
        "signers": selectors.pledge_public_list(campaign=campaign, limit=SIGNERS_ON_PAGE),
        **_share_context(request, campaign),
        "materials": selectors.campaign_materials(campaign=campaign),
        "activity_groups": activity_groups,
        "activities_map": activities_map,
        "is_open": campaign.is_open(),
        "org_form": forms.get("organisation"),
        "individual_form": forms.get("individual"),
        "member_partners": partners,
    }


@require_safe
def campaign_detail(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _campaign_or_404(request, slug)
    return render(request, "campaigns/campaign_detail.html", _detail_context(request, campaign))


@require_POST
def campaign_sign(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _campaign_or_404(request, slug)
    kind = request.POST.get("kind", "")
    form: OrganisationSignForm | IndividualSignForm
    if kind == Pledge.Kind.ORGANISATION and campaign.accepts_organisations:
        form = OrganisationSignForm(
            request.POST, partners=selectors.member_partners(user=request.user)
        )
    elif kind == Pledge.Kind.INDIVIDUAL and campaign.accepts_individuals:
        form = IndividualSignForm(request.POST)
    else:
        raise Http404
    if form.is_valid():
        data = form.cleaned_data
        try:
            outcome = pledge_create(
                campaign=campaign,
                kind=kind,
                name=data["name"],
                email=data["email"],
                country=data["country"],
                city=data.get("city", ""),
                organisation_name=data.get("organisation_name", ""),
                display=data["display"],
                language=_language(),
                client_address=client_address(request),
                honeypot=data.get(HONEYPOT_FIELD, ""),
                user=request.user,
                partner=data.get("partner"),
                base_url=request_base_url(request),
                referral=data.get("ref", ""),
            )
        except PledgeThrottled:
            return render(
                request, "campaigns/sign_throttled.html", {"campaign": campaign}, status=429
            )
        except PermissionDenied as exc:
            form.add_error("partner" if "partner" in form.fields else None, str(exc))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            # The same answer whether the address is new, had signed already, or the honeypot
            # caught a bot: the page must not tell anyone whether an address has signed. Each
            # gets a share link with a referral code that looks the same (the bot's is stored
            # nowhere and credits nobody).
            pledge = outcome.pledge
            code = pledge_referral_code(pledge=pledge) if pledge else referral_code_new()
            request.session[_referral_session_key(campaign)] = code
            # Only a member signing with their own proven address is confirmed at once: telling
            # them so reveals nothing they do not know.
            request.session[_confirmed_session_key(campaign)] = bool(
                outcome.status == "created" and pledge and pledge.is_confirmed
            )
            return redirect("campaigns:sign-done", slug=campaign.slug)
    context = _detail_context(request, campaign, {kind: form})
    return render(request, "campaigns/campaign_detail.html", context, status=400)


@require_safe
def sign_done(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _campaign_or_404(request, slug)
    template = (
        "campaigns/confirm_done.html"
        if request.session.get(_confirmed_session_key(campaign))
        else "campaigns/sign_done.html"
    )
    return render(request, template, _after_signing_context(request, campaign))


def _after_signing_context(
    request: HttpRequest, campaign: Campaign, *, referral: str | None = None
) -> dict[str, Any]:
    """The "check your e-mail" and "confirmed" pages: the progress, and the share panel with
    the signer's own referral code (from the session right after signing)."""
    if referral is None:
        referral = referral_code_or_blank(request.session.get(_referral_session_key(campaign)))
    return {
        "campaign": campaign,
        "counts": selectors.campaign_counts(campaign=campaign, by_country=False),
        **_share_context(request, campaign, referral=referral),
    }


def _link_refused(request: HttpRequest, *, expired: bool) -> HttpResponse:
    return render(request, "campaigns/link_invalid.html", {"expired": expired}, status=400)


@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button; only the POST confirms, so mail scanners following links cannot."""
    try:
        if request.method == "POST":
            pledge = pledge_confirm(token=token)
            return render(
                request,
                "campaigns/confirm_done.html",
                _after_signing_context(
                    request, pledge.campaign, referral=pledge_referral_code(pledge=pledge)
                ),
            )
        pledge = pledge_from_token(token=token, purpose=Purpose.CONFIRM)
    except LinkExpired:
        return _link_refused(request, expired=True)
    except LinkInvalid:
        return _link_refused(request, expired=False)
    return render(
        request, "campaigns/confirm.html", {"campaign": pledge.campaign, "pledge": pledge}
    )


@require_http_methods(["GET", "HEAD", "POST"])
def withdraw(request: HttpRequest, token: str) -> HttpResponse:
    try:
        if request.method == "POST":
            campaign = pledge_withdraw(token=token)
            return render(request, "campaigns/withdraw_done.html", {"campaign": campaign})
        pledge = pledge_from_token(token=token, purpose=Purpose.WITHDRAW)
    except LinkExpired:
        return _link_refused(request, expired=True)
    except LinkInvalid:
        return _link_refused(request, expired=False)
    return render(request, "campaigns/withdraw.html", {"campaign": pledge.campaign})


@require_safe
def activities_ics(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _campaign_or_404(request, slug)
    body = activities_ical(
        campaign=campaign,
        activities=list(selectors.activity_public_queryset(campaign=campaign)),
        page_url=request.build_absolute_uri(
            reverse("campaigns:campaign-detail", kwargs={"slug": campaign.slug})
        ),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{campaign.slug}-activities.ics"'
    return response


@require_safe
def signers_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """Public export: exactly what the page shows, never an e-mail."""
    campaign = _campaign_or_404(request, slug)
    text = csv_text(
        ["kind", "name", "city", "country", "verified_partner", "signed_on"],
        (
            [
                s.kind,
                s.name,
                s.city,
                s.country,
                s.partner_slug,
                s.signed_on.isoformat() if s.signed_on else "",
            ]
            for s in selectors.pledge_public_list(campaign=campaign)
        ),
    )
    return csv_response(text, filename=f"{campaign.slug}-signers.csv", personal=False)
