"""Join and claim requests from the public, and the staff decisions on them.

A new request schedules the staff digest (`staff_digest`, sent by a task) once it commits."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.fields import reject_unknown_fields
from core.mail import mail_send, single_line
from core.throttles import rate_limited
from core.users import AnyUser, actor_or_none
from partners import tasks
from partners.models import Invitation, JoinRequest, Membership, Partner
from partners.services.members import invitation_create
from partners.services.profiles import partner_approve, partner_create
from partners.services.staff_digest import STAFF_DIGEST_SCHEDULED_KEY

# What the public join form asks, in display order; a claim asks only for the contact part (the
# organisation is the claimed profile). Forms, admin and `join_request_create` share these.
JOIN_REQUEST_FIELDS = (
    "organisation_name",
    "organisation_kind",
    "country",
    "city",
    "website",
    "contact_name",
    "contact_email",
    "message",
)
CLAIM_REQUEST_FIELDS = ("contact_name", "contact_email", "message")

logger = logging.getLogger(__name__)


def join_request_throttle_hit(*, ip: str) -> bool:
    """Count one join/claim submission from client address `ip`; True when over the hourly
    limit (`PARTNER_JOIN_REQUESTS_PER_HOUR`)."""
    return rate_limited(
        scope="partners-join",
        key=ip,
        limit=settings.PARTNER_JOIN_REQUESTS_PER_HOUR,
        period=3600,
    )


@transaction.atomic
def join_request_create(
    *, kind: str, partner: Partner | None = None, language: str | None = None, **fields: Any
) -> JoinRequest:
    """Store a join or claim request, acknowledge it to the applicant in `language` (default:
    the active one) and make sure a staff digest is scheduled. The request and the
    acknowledgement (an outbox row, core.mail) commit together."""
    reject_unknown_fields(fields, JOIN_REQUEST_FIELDS, what="join request")
    if kind == JoinRequest.Kind.CLAIM and partner is None:
        raise ValueError("A claim needs the partner being claimed.")
    request = JoinRequest(kind=kind, partner=partner, language=_language(language), **fields)
    request.full_clean()
    request.save()
    _acknowledge(request)
    transaction.on_commit(join_requests_schedule_staff_digest, robust=True)
    return request


def _language(language: str | None) -> str:
    codes = [code for code, _name in settings.LANGUAGES]
    wanted = (language or translation.get_language() or "").split("-")[0].lower()
    return wanted if wanted in codes else settings.LANGUAGE_CODE


def _acknowledge(join_request: JoinRequest) -> None:
    """Tell the applicant, in their language, that the request arrived and what happens next."""
    organisation_name = single_line(join_request.organisation_name)
    with translation.override(join_request.language):
        subject = _("We received your request about %(name)s") % {"name": organisation_name}
    mail_send(
        to=[join_request.contact_email],
        subject=subject,
        template="partners/join_request_received",
        context={
            "contact_name": single_line(join_request.contact_name),
            "organisation_name": organisation_name,
            "claim": join_request.kind == JoinRequest.Kind.CLAIM,
        },
        language=join_request.language,
    )


def join_requests_schedule_staff_digest() -> None:
    """Schedule one staff digest unless one is already waiting (called after a request commits).

    The digest task runs `STAFF_NOTIFY_DELAY_SECONDS` later and announces every request not yet
    announced, so a burst of requests makes one e-mail."""
    delay = settings.STAFF_NOTIFY_DELAY_SECONDS
    if not cache.add(STAFF_DIGEST_SCHEDULED_KEY, 1, timeout=delay + 300):
        return
    try:
        tasks.join_requests_notify_staff.apply_async(countdown=delay)
    except Exception:
        # Broker down: the request is saved and in the queue; the next one schedules the digest.
        cache.delete(STAFF_DIGEST_SCHEDULED_KEY)
        logger.exception("Could not schedule the staff digest of join requests")


def _check_pending(join_request: JoinRequest) -> JoinRequest:
    # Lock only the request row: PostgreSQL refuses FOR UPDATE across the nullable partner join.
    locked = (
        JoinRequest.objects.select_for_update(of=("self",))
        .select_related("partner")
        .get(pk=join_request.pk)
    )
    if locked.status != JoinRequest.Status.PENDING:
        raise ValidationError(_("This request has already been decided."))
    return locked


@transaction.atomic
def join_request_approve(
    *,
    join_request: JoinRequest,
    user: AnyUser,
    note: str = "",
    base_url: str | None = None,
) -> Invitation:
    """Approve: a join creates and publishes the profile; both kinds invite the applicant as
    the partner's admin. The applicant is e-mailed the outcome with the invitation link."""
    locked = _check_pending(join_request)
    if locked.kind == JoinRequest.Kind.JOIN:
        partner = partner_create(
            # Requests stored before names were checked may hold a line break.
            name=single_line(locked.organisation_name),
            country=str(locked.country),
            city=locked.city,
            website=locked.website,
            kind=locked.organisation_kind,
            user=user,
        )
        partner_approve(partner=partner, user=user)
        locked.partner = partner
    else:
        if locked.partner is None:
            raise ValidationError(_("The claimed profile no longer exists."))
        partner = locked.partner
    invitation = invitation_create(
        partner=partner,
        email=locked.contact_email,
        role=Membership.Role.ADMIN,
        invited_by=user,
        base_url=base_url,
    )
    _decide(locked, status=JoinRequest.Status.APPROVED, user=user, note=note)
    join_request.refresh_from_db()
    return invitation


@transaction.atomic
def join_request_reject(*, join_request: JoinRequest, user: AnyUser, note: str = "") -> JoinRequest:
    locked = _check_pending(join_request)
    _decide(locked, status=JoinRequest.Status.REJECTED, user=user, note=note)
    join_request.refresh_from_db()
    return join_request


def _decide(join_request: JoinRequest, *, status: str, user: AnyUser, note: str) -> None:
    join_request.status = status
    join_request.decision_note = note
    join_request.reviewed_by = actor_or_none(user)
    join_request.reviewed_at = timezone.now()
    join_request.save(
        update_fields=["status", "decision_note", "reviewed_by", "reviewed_at", "partner"]
    )
    approved = status == JoinRequest.Status.APPROVED
    organisation_name = single_line(join_request.organisation_name)
    # In the applicant's language, not in the language of the staff member who decided.
    with translation.override(join_request.language):
        subject = (
            _("Your request about %(name)s was approved")
            if approved
            else _("Your request about %(name)s was not approved")
        ) % {"name": organisation_name}
    mail_send(
        to=[join_request.contact_email],
        subject=subject,
        language=join_request.language,
        template="partners/join_request_decision",
        context={
            "contact_name": single_line(join_request.contact_name),
            "organisation_name": organisation_name,
            "approved": approved,
            "note": note,
        },
    )
