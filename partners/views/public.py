"""Public partner pages: join/claim, verification landing, invitations, and the directory's list.

The profile page (`partners:partner-detail`) also shows the campaigns a partner signed, and the
directory (`partners:partner-list`) its results on a map, so both are composed above the apps,
in coalition/pages/partner_profile.py and coalition/pages/directory.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.forms import HONEYPOT_FIELD, add_service_errors
from core.http import client_address, object_or_404
from partners.forms import (
    ClaimRequestForm,
    DirectoryFilterForm,
    InvitationSignupForm,
    JoinRequestForm,
)
from partners.models import Invitation, JoinRequest, Partner
from partners.selectors.directory import (
    partner_directory_facets,
    partner_directory_search,
    partner_directory_total,
)
from partners.selectors.members import invitation_get_by_token
from partners.selectors.profiles import (
    partner_get_public,
    partner_get_with_vocabularies,
    partner_public_contact,
)
from partners.services import members, moderation, verification

PAGE_SIZE = 25


def partner_directory_context(request: HttpRequest) -> dict[str, Any]:
    """What the directory page shows of the partners app: the filter form and facets, one page
    of results and the whole filtered search (`results`, not evaluated: the page composed in
    coalition/pages/directory.py draws it on the map)."""
    form, filters = DirectoryFilterForm.filters_from(request.GET)
    results = partner_directory_search(filters=filters)
    paginator = Paginator(results, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    partners = list(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "form": form,
        "filters": filters,
        "results": results,
        "page": page,
        "partners": partners,
        "facets": partner_directory_facets(filters=filters),
        # "Showing 12 of 230": the unfiltered total costs one count, and only when filtering.
        "total": partner_directory_total() if filters.as_dict() else None,
        "querystring": query.urlencode(),
    }


def _public_request(
    request: HttpRequest,
    form: JoinRequestForm | ClaimRequestForm,
    *,
    template: str,
    context: dict[str, Any],
    create: Callable[[dict[str, Any]], object],
) -> HttpResponse:
    """The join and claim forms: limited per client address, bots silently thanked, valid
    submissions stored as a request for staff."""
    if request.method == "POST":
        if moderation.join_request_throttle_hit(ip=client_address(request)):
            return render(request, "partners/request_throttled.html", status=429)
        if form.is_spam():
            return redirect("partners:request-thanks")
        if form.is_valid():
            create({k: v for k, v in form.cleaned_data.items() if k != HONEYPOT_FIELD})
            return redirect("partners:request-thanks")
    return render(request, template, {"form": form, **context})


@require_http_methods(["GET", "HEAD", "POST"])
def partner_join(request: HttpRequest) -> HttpResponse:
    return _public_request(
        request,
        JoinRequestForm(request.POST or None),
        template="partners/join_form.html",
        context={},
        create=lambda data: moderation.join_request_create(
            kind=JoinRequest.Kind.JOIN, language=request.LANGUAGE_CODE, **data
        ),
    )


@require_http_methods(["GET", "HEAD", "POST"])
def partner_claim(request: HttpRequest, slug: str) -> HttpResponse:
    partner = object_or_404(partner_get_public, slug=slug)
    return _public_request(
        request,
        ClaimRequestForm(request.POST or None),
        template="partners/claim_form.html",
        context={"partner": partner},
        create=lambda data: moderation.join_request_create(
            kind=JoinRequest.Kind.CLAIM,
            language=request.LANGUAGE_CODE,
            partner=partner,
            organisation_name=partner.name,
            organisation_kind=partner.kind,
            country=str(partner.country),
            city=partner.city,
            **data,
        ),
    )


def request_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "partners/request_thanks.html")


@require_http_methods(["GET", "HEAD", "POST"])
def partner_verify(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    """GET only shows the profile: link scanners in mail systems open links, and must not
    confirm anything. The POST from this page is what records the confirmation."""
    try:
        partner = partner_get_with_vocabularies(slug=slug)
    except Partner.DoesNotExist:
        return render(request, "partners/verify_invalid.html", status=400)
    if not verification.verification_token_check(partner=partner, token=token):
        return render(request, "partners/verify_invalid.html", status=400)
    if request.method == "POST":
        verification.partner_verify(partner=partner)
        return render(request, "partners/verify_done.html", {"partner": partner})
    return render(
        request,
        "partners/verify.html",
        {
            "partner": partner,
            "contact": partner_public_contact(partner),
            "focus_areas": list(partner.focus_areas.all()),
            "languages": list(partner.languages.all()),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation: Invitation | None = invitation_get_by_token(token=token)
    except Invitation.DoesNotExist:
        invitation = None
    if invitation is None or not invitation.is_usable():
        # A clear page rather than a 404: the person followed a real e-mail from us.
        return render(request, "partners/invitation_unusable.html", {"invitation": invitation})
    user = request.user
    email_matches = user.is_authenticated and user.email.lower() == invitation.email.lower()
    form = None
    if not user.is_authenticated:
        form = InvitationSignupForm(request.POST or None)
    if request.method == "POST":
        try:
            if email_matches:
                members.invitation_accept(invitation=invitation, user=user)  # type: ignore[arg-type]
            elif form is not None and form.is_valid():
                new_user = members.invitation_accept_new_user(
                    invitation=invitation,
                    username=form.cleaned_data["username"],
                    password=form.cleaned_data["password1"],
                )
                login(request, new_user, backend="django.contrib.auth.backends.ModelBackend")  # type: ignore[arg-type]
            else:
                raise _FormInvalid
        except members.InvitationUnusable:
            return render(request, "partners/invitation_unusable.html", {"invitation": invitation})
        except ValidationError as exc:
            if form is not None:
                add_service_errors(form, exc, default_field="password1")
        except _FormInvalid:
            pass
        else:
            messages.success(
                request,
                _("Welcome! You can now edit the profile of %(partner)s.")
                % {"partner": invitation.partner.name},
            )
            return redirect(
                reverse("partners:partner-edit", kwargs={"slug": invitation.partner.slug})
            )
    return render(
        request,
        "partners/invitation_accept.html",
        {"invitation": invitation, "form": form, "email_matches": email_matches},
    )


class _FormInvalid(Exception):
    pass
