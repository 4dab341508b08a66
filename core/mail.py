"""E-mail, sent in one place.

`mail_send` is called from services inside their transaction. It renders
`templates/emails/<template>.txt` (and `.html` when it exists) in the recipient's language and
writes the message to the outbox (`core.outbox`) in that same transaction, so a rolled-back
write sends nothing and a committed one cannot lose its e-mail. Nothing here talks to a mail
server or waits for one: after the commit it nudges the worker (`core.tasks.mail_deliver`),
which sends with retries and backoff. If the broker cannot take the nudge, the periodic sweep
sends the row a minute later; without a broker (eager mode) the nudge delivers in-process.

Subjects go through `single_line`, because a header with a line break is either an injected
header or a `BadHeaderError`. A template that fails to render is logged and stored as a failed
outbox row (visible in the admin) rather than turning the caller's write into a 500.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from post_office.models import STATUS

from core.outbox import outbox_write_template
from core.tasks import mail_deliver
from core.text import single_line

# single_line is re-exported: services build their subjects with it.
__all__ = ["absolute_url", "mail_send", "request_base_url", "single_line"]


def request_base_url(request: HttpRequest) -> str:
    """The site root this request came in on (scheme, host and port), for links in e-mails.

    The host is one of `ALLOWED_HOSTS` (Django refuses others), so a forged Host header cannot
    point a link elsewhere.
    """
    return request.build_absolute_uri("/").rstrip("/")


def absolute_url(viewname: str, *, base_url: str | None = None, **kwargs: Any) -> str:
    """An absolute link for e-mails: on `base_url` when the action came from a request (so the
    host and port the site is actually served on are used), otherwise on `SITE_URL`
    (background jobs, management commands)."""
    path = reverse(viewname, kwargs=kwargs or None)
    return (base_url or str(settings.SITE_URL)).rstrip("/") + path


def _nudge_worker() -> None:
    # Fails soft (core.broker): with the broker down the row waits for the sweep.
    mail_deliver.delay()


def mail_send(
    *,
    to: Sequence[str],
    subject: str,
    template: str,
    context: Mapping[str, Any],
    language: str | None = None,
) -> None:
    """Queue `templates/emails/<template>` for `to` in the current transaction; the worker
    sends it once the transaction commits."""
    email = outbox_write_template(
        to=to,
        subject=subject,
        template=template,
        context=context,
        # Render in the language the subject was written in unless told otherwise.
        language=language or translation.get_language() or settings.LANGUAGE_CODE,
    )
    if email is not None and email.status == STATUS.queued:
        transaction.on_commit(_nudge_worker, robust=True)
