"""Staff moderation of join and claim requests."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.http import object_or_404
from core.mail import request_base_url
from core.permissions import staff_required
from partners.forms import ModerationDecisionForm
from partners.selectors.join_requests import (
    join_request_get,
    join_requests_pending,
    join_requests_recently_decided,
)
from partners.services import moderation


@staff_required
def moderation_queue(request: HttpRequest) -> HttpResponse:
    pending = join_requests_pending()
    decided = join_requests_recently_decided(limit=20)
    return render(
        request,
        "partners/moderation_queue.html",
        {"pending": pending, "decided": decided, "form": ModerationDecisionForm()},
    )


@staff_required
@require_POST
def join_request_decide(request: HttpRequest, pk: int) -> HttpResponse:
    join_request = object_or_404(join_request_get, pk=pk)
    form = ModerationDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose approve or reject."))
        return redirect("partners:moderation-queue")
    note = form.cleaned_data["note"]
    try:
        if form.cleaned_data["decision"] == "approve":
            moderation.join_request_approve(
                join_request=join_request,
                user=request.user,
                note=note,
                base_url=request_base_url(request),
            )
            messages.success(request, _("Approved; the applicant was invited by e-mail."))
        else:
            moderation.join_request_reject(join_request=join_request, user=request.user, note=note)
            messages.success(request, _("Rejected; the applicant was told by e-mail."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("partners:moderation-queue")
