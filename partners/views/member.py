"""Member self-service: my partners, profile, commitments, memberships, history, API tokens.

Every view reaches the partner through `partners.permissions`; nothing here decides access.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.forms import add_service_errors
from core.http import object_or_404
from core.mail import request_base_url
from partners import selectors
from partners.forms import (
    CommitmentForm,
    CommitmentUpdateForm,
    InvitationForm,
    PartnerProfileForm,
)
from partners.models import Commitment
from partners.permissions import user_can_admin_partner
from partners.services import commitments as commitment_services
from partners.services import members
from partners.services.commitments import COMMITMENT_FIELDS
from partners.services.profiles import partner_update
from partners.views._helpers import admin_partner, editor_partner


@login_required
def member_home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "partners/member_home.html",
        {"memberships": selectors.memberships_for_user(user=request.user)},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def partner_edit(request: HttpRequest, slug: str) -> HttpResponse:
    partner = editor_partner(request, slug)
    if request.method == "POST":
        form = PartnerProfileForm(request.POST)
        if form.is_valid():
            try:
                partner_update(partner=partner, user=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The profile was saved."))
                return redirect("partners:partner-edit", slug=partner.slug)
    else:
        form = PartnerProfileForm(initial=PartnerProfileForm.initial_for(partner))
    return render(
        request,
        "partners/partner_edit.html",
        {
            "partner": partner,
            "form": form,
            "can_admin": user_can_admin_partner(request.user, partner),
        },
    )


@login_required
def partner_history(request: HttpRequest, slug: str) -> HttpResponse:
    partner = editor_partner(request, slug)
    return render(
        request,
        "partners/partner_history.html",
        {"partner": partner, "records": selectors.partner_history(partner=partner)},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def commitment_list(request: HttpRequest, slug: str) -> HttpResponse:
    partner = editor_partner(request, slug)
    form = CommitmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            commitment_services.commitment_create(
                partner=partner, user=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The commitment was added."))
            return redirect("partners:commitment-list", slug=partner.slug)
    commitments = selectors.partner_commitments(partner=partner)
    return render(
        request,
        "partners/commitment_list.html",
        {"partner": partner, "commitments": commitments, "form": form},
    )


def _commitment(partner_slug: str, request: HttpRequest, pk: int) -> Commitment:
    partner = editor_partner(request, partner_slug)
    return object_or_404(selectors.commitment_get_for_partner, partner=partner, pk=pk)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def commitment_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    commitment = _commitment(slug, request, pk)
    if request.method == "POST" and request.POST.get("form") != "update":
        form = CommitmentForm(request.POST)
        if form.is_valid():
            try:
                commitment_services.commitment_update(commitment=commitment, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The commitment was saved."))
                return redirect("partners:commitment-edit", slug=slug, pk=commitment.pk)
    else:
        form = CommitmentForm(initial={f: getattr(commitment, f) for f in COMMITMENT_FIELDS})
    update_form = CommitmentUpdateForm(
        request.POST if request.POST.get("form") == "update" else None,
        initial={"status": commitment.status},
        auto_id="id_update_%s",  # the same field names as the commitment form, not the same ids
    )
    if request.method == "POST" and request.POST.get("form") == "update" and update_form.is_valid():
        try:
            commitment_services.commitment_add_update(
                commitment=commitment, user=request.user, **update_form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(update_form, exc)
        else:
            messages.success(request, _("The update was added."))
            return redirect("partners:commitment-edit", slug=slug, pk=commitment.pk)
    return render(
        request,
        "partners/commitment_edit.html",
        {
            "partner": commitment.partner,
            "commitment": commitment,
            "updates": selectors.commitment_updates(commitment=commitment),
            "form": form,
            "update_form": update_form,
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def membership_list(request: HttpRequest, slug: str) -> HttpResponse:
    partner = admin_partner(request, slug)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            members.invitation_create(
                partner=partner,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                invited_by=request.user,
                base_url=request_base_url(request),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("An invitation was sent to %(email)s.") % form.cleaned_data)
            return redirect("partners:membership-list", slug=partner.slug)
    return render(
        request,
        "partners/membership_list.html",
        {
            "partner": partner,
            "memberships": selectors.partner_members(partner=partner),
            "invitations": selectors.partner_open_invitations(partner=partner),
            "form": form,
        },
    )


@login_required
@require_POST
def membership_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    partner = admin_partner(request, slug)
    membership = object_or_404(selectors.membership_get_for_partner, partner=partner, pk=pk)
    try:
        members.membership_remove(membership=membership)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("%(user)s was removed.") % {"user": membership.user})
    if membership.user_id == request.user.pk and not request.user.is_staff:
        return redirect("partners:member-home")
    return redirect("partners:membership-list", slug=partner.slug)


@login_required
@require_POST
def invitation_revoke(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    partner = admin_partner(request, slug)
    invitation = object_or_404(selectors.invitation_get_for_partner, partner=partner, pk=pk)
    members.invitation_revoke(invitation=invitation)
    messages.success(
        request, _("The invitation to %(email)s was revoked.") % {"email": invitation.email}
    )
    return redirect("partners:membership-list", slug=partner.slug)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def member_tokens(request: HttpRequest) -> HttpResponse:
    user = request.user
    new_key = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "create":
            # The key is shown on this response only; afterwards the page says a token exists.
            new_key = members.token_regenerate(user=user).key  # type: ignore[arg-type]
        elif action == "revoke":
            members.token_revoke(user=user)  # type: ignore[arg-type]
            messages.success(request, _("Your API token was revoked."))
            return redirect("partners:member-tokens")
        else:
            raise Http404
    token = selectors.token_for_user(user=user)  # type: ignore[arg-type]
    return render(
        request,
        "partners/member_tokens.html",
        {"token": token, "new_key": new_key},
    )
