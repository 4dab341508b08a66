"""The staff digest of join and claim requests: one e-mail announcing every request not announced
yet, so a burst of requests makes one e-mail. `moderation` schedules it after a request commits;
the `join_requests_notify_staff` task sends it.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.mail import absolute_url, mail_send, single_line
from partners.models import JoinRequest
from partners.selectors.join_requests import staff_notify_addresses

logger = logging.getLogger(__name__)

# Present while a staff digest is scheduled: requests arriving meanwhile join that digest instead
# of scheduling their own. It expires on its own, so a lost task delays a notice, never stops it.
STAFF_DIGEST_SCHEDULED_KEY = "partners:staff-digest-scheduled"


@transaction.atomic
def join_requests_notify_staff() -> int:
    """E-mail staff one digest of the pending requests not announced yet; returns how many.

    Each request is marked in the same transaction, so two digests running at once (or a task
    run twice) never announce a request twice."""
    cache.delete(STAFF_DIGEST_SCHEDULED_KEY)
    requests = list(
        JoinRequest.objects.select_for_update(skip_locked=True)
        .filter(status=JoinRequest.Status.PENDING, staff_notified_at__isnull=True)
        .order_by("created_at", "pk")
    )
    if not requests:
        return 0
    JoinRequest.objects.filter(pk__in=[r.pk for r in requests]).update(
        staff_notified_at=timezone.now()
    )
    recipients = staff_notify_addresses()
    if not recipients:
        logger.warning(
            "%d join/claim request(s) arrived and no staff address is set "
            "(STAFF_NOTIFY_EMAILS, or staff users with an e-mail)",
            len(requests),
        )
        return len(requests)
    with translation.override(settings.LANGUAGE_CODE):
        if len(requests) == 1:
            subject = _("New request to the directory: %(name)s") % {
                "name": single_line(requests[0].organisation_name)
            }
        else:
            subject = ngettext(
                "%(count)d new request to the directory",
                "%(count)d new requests to the directory",
                len(requests),
            ) % {"count": len(requests)}
        items = [
            {
                "kind": str(r.get_kind_display()),
                "organisation_name": single_line(r.organisation_name),
                "country": str(r.country.name) if r.country else "",
                "city": single_line(r.city),
                "website": r.website,
                "contact_name": single_line(r.contact_name),
                "contact_email": r.contact_email,
                "message": r.message,
                "received": timezone.localtime(r.created_at).strftime("%Y-%m-%d %H:%M %Z"),
            }
            for r in requests
        ]
    mail_send(
        to=recipients,
        subject=subject,
        template="partners/join_requests_staff_digest",
        context={"requests": items, "queue_url": absolute_url("partners:moderation-queue")},
        language=settings.LANGUAGE_CODE,
    )
    return len(requests)
