"""E-mail, sent in one place.

`mail_send` is called from services inside their transaction. It renders nothing and talks to no
server: after the transaction commits it enqueues `core.tasks.mail_deliver`, which renders
`templates/emails/<template>.txt` (and `.html` when it exists) in the recipient's language and
sends it, retrying SMTP and connection errors with backoff. So a rolled-back write sends
nothing, and a mail server outage (or a broken template) never turns a staff click into a 500
after the data was already saved.

The context crosses the broker as JSON: pass strings, numbers, lists and dicts, not model
instances. Subjects go through `single_line`, because a header with a line break is either an
injected header or a `BadHeaderError`.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation

from core.tasks import mail_deliver
from core.text import single_line

logger = logging.getLogger(__name__)


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


def _enqueue(payload: dict[str, Any]) -> None:
    try:
        mail_deliver.delay(**payload)
    except Exception:
        # The broker is down: the data is saved and the mail is lost; log it loudly for staff
        # rather than fail a request whose transaction already committed.
        logger.exception("Could not enqueue e-mail %r to %s", payload["template"], payload["to"])


def mail_send(
    *,
    to: Sequence[str],
    subject: str,
    template: str,
    context: Mapping[str, Any],
    language: str | None = None,
) -> None:
    """Send `templates/emails/<template>` to `to` once the current transaction commits."""
    recipients = [address for address in to if address]
    if not recipients:
        return
    payload = {
        "to": recipients,
        "subject": single_line(subject),
        "template": template,
        "context": dict(context),
        # Render in the language the subject was written in unless told otherwise.
        "language": language or translation.get_language() or settings.LANGUAGE_CODE,
    }
    transaction.on_commit(lambda: _enqueue(payload), robust=True)
