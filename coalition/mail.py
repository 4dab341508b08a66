"""Transactional e-mail: rendered from `templates/emails/<template>.{txt,html}` by a Celery task.

`mail_send` never sends inside the web request: it enqueues after the surrounding transaction
commits (a rolled-back write sends nothing), and a broker outage is logged, not raised, so an
e-mail problem never fails the request that caused it. The task retries SMTP failures.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction

logger = logging.getLogger(__name__)


def single_line(text: str, *, max_length: int = 200) -> str:
    """Collapse whitespace (no header injection through a subject) and cut to `max_length`."""
    collapsed = " ".join(str(text).split())
    if len(collapsed) > max_length:
        collapsed = collapsed[: max_length - 1].rstrip() + "…"
    return collapsed


def mail_send(
    *,
    to: Sequence[str],
    subject: str,
    template: str,
    context: Mapping[str, Any],
    language: str | None = None,
) -> None:
    from coalition.tasks import mail_send_task

    recipients = [address for address in to if address]
    if not recipients:
        return
    clean_subject = single_line(subject)
    payload = dict(context)

    def enqueue() -> None:
        try:
            mail_send_task.delay(
                to=recipients,
                subject=clean_subject,
                template=template,
                context=payload,
                language=language,
            )
        except Exception:  # a broker outage must not fail the web request
            logger.exception("Could not enqueue e-mail %s", template)

    transaction.on_commit(enqueue)
