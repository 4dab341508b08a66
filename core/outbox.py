"""The e-mail outbox: every e-mail is a row in the database before anything talks to a server.

The rows are django-post-office's `Email` (and its `Log` of delivery attempts), so staff see the
queue, what was sent and every failure in the admin. Writing and delivering are ours:

- `outbox_write` stores one ready-to-send message (subject and bodies already rendered) in the
  caller's transaction: a rolled-back write leaves no e-mail, a committed one cannot lose it.
- `outbox_deliver` is what the worker runs, both when nudged after a commit and from the
  periodic sweep (`core.tasks.mail_deliver`). It claims one due row at a time with a lease
  (`scheduled_time` moved `MAIL_CLAIM_SECONDS` ahead, under `SELECT ... FOR UPDATE SKIP LOCKED`
  on PostgreSQL), sends it outside any transaction, then records the outcome. Two workers, or
  the nudge and the sweep, never send the same row twice; a worker killed mid-send leaves the
  row to be retried when its lease runs out.
- A failure that may pass (the server is down, slow or said "try later") requeues the row with
  exponential backoff: `MAIL_RETRY_SECONDS`, doubling, at most `MAIL_RETRY_MAX_SECONDS`, for
  `MAIL_MAX_RETRIES` retries; then, or at once for a refusal that cannot pass (every recipient
  refused), the row is `failed` and logged. A transient failure also ends the pass: the next
  rows wait for the next nudge or sweep rather than each waiting out `EMAIL_TIMEOUT`.

Delivery goes through post-office's backend alias (`POST_OFFICE["BACKENDS"]`, by default Django's
`EMAIL_BACKEND`), so tests still read pytest-django's `mailoutbox`.
"""

from __future__ import annotations

import datetime
import logging
import smtplib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from email.utils import make_msgid
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection, transaction
from django.db.models import Q
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone, translation
from post_office.models import PRIORITY, STATUS, Email, Log
from post_office.settings import get_backend, get_log_level

from core.text import single_line

logger = logging.getLogger(__name__)

# Fail the same way on every retry: give up at once and log.
PERMANENT_MAIL_ERRORS = (smtplib.SMTPRecipientsRefused, smtplib.SMTPNotSupportedError)

DUE_STATUSES = (STATUS.queued, STATUS.requeued)


@dataclass(frozen=True, slots=True)
class DeliveryReport:
    sent: int = 0
    requeued: int = 0
    failed: int = 0


def outbox_write(
    *,
    to: Sequence[str],
    subject: str,
    text: str,
    html: str = "",
    from_email: str | None = None,
    error: BaseException | None = None,
) -> Email:
    """Store one message, due now, in the current transaction; with `error` (it could not be
    rendered) store it as failed, with the error in its log, so staff see what was not sent.

    Stored as given, without post-office's `full_clean`: the addresses were validated by the
    forms that took them, and a server refusing one fails that delivery (logged, visible in the
    admin), never the write that caused the e-mail."""
    email = Email(
        from_email=from_email or settings.DEFAULT_FROM_EMAIL,
        to=list(to),
        subject=subject,
        message=text,
        html_message=html,
        status=STATUS.queued if error is None else STATUS.failed,
        priority=PRIORITY.medium,
        number_of_retries=0,
        # Fixed now, so a retry (or a resend after a lost acknowledgement) carries the same id.
        message_id=make_msgid(domain=urlsplit(str(settings.SITE_URL)).hostname or "localhost"),
    )
    (email,) = Email.objects.bulk_create([email])
    if error is not None:
        Log.objects.create(
            email=email,
            status=STATUS.failed,
            message=str(error)[:2000],
            exception_type=type(error).__name__,
        )
    return email


def outbox_write_template(
    *,
    to: Sequence[str],
    subject: str,
    template: str,
    context: Mapping[str, Any],
    language: str,
) -> Email | None:
    """Render `templates/emails/<template>.txt` (and `.html` when it exists) in `language` and
    store it for the non-empty addresses of `to` (None when there are none). A template that
    fails to render is logged and stored as failed rather than raised into the caller's write.
    The subject is made one line: a line break would be an injected header."""
    recipients = [address for address in to if address]
    if not recipients:
        return None
    subject = single_line(subject)
    full_context = {"site_url": settings.SITE_URL, **context}
    try:
        with translation.override(language):
            text: str = render_to_string(f"emails/{template}.txt", full_context)
            try:
                html: str = render_to_string(f"emails/{template}.html", full_context)
            except TemplateDoesNotExist:
                html = ""
    except Exception as exc:
        logger.exception("E-mail %r to %s could not be rendered; stored as failed", template, to)
        return outbox_write(to=recipients, subject=subject, text="", error=exc)
    return outbox_write(to=recipients, subject=subject, text=text, html=html)


def outbox_due(now: datetime.datetime | None = None) -> Q:
    now = now or timezone.now()
    return Q(status__in=DUE_STATUSES) & (
        Q(scheduled_time__isnull=True) | Q(scheduled_time__lte=now)
    )


def outbox_backlog() -> int:
    """Messages waiting to be sent (due now or retrying later)."""
    return Email.objects.filter(status__in=DUE_STATUSES).count()


def retry_delay(retries: int) -> datetime.timedelta:
    """The wait before retry number `retries` (1 for the first)."""
    base = float(settings.MAIL_RETRY_SECONDS)
    ceiling = float(settings.MAIL_RETRY_MAX_SECONDS)
    return datetime.timedelta(seconds=min(base * 2 ** max(retries - 1, 0), ceiling))


def _claim_next() -> Email | None:
    """Take the next due row for this worker, or None when nothing is due."""
    now = timezone.now()
    with transaction.atomic():
        queryset = Email.objects.filter(outbox_due(now)).order_by("-priority", "id")
        if connection.features.has_select_for_update_skip_locked:
            queryset = queryset.select_for_update(skip_locked=True)
        email = queryset.first()
        if email is None:
            return None
        # The lease: not due again until it runs out, whoever looks.
        lease_end = now + datetime.timedelta(seconds=float(settings.MAIL_CLAIM_SECONDS))
        Email.objects.filter(pk=email.pk).update(scheduled_time=lease_end, last_updated=now)
        email.scheduled_time = lease_end
        return email


def _record(email: Email, *, status: int, error: BaseException | None = None) -> None:
    fields = {"status": status, "last_updated": timezone.now()}
    if status == STATUS.requeued:
        retries = (email.number_of_retries or 0) + 1
        fields["number_of_retries"] = retries
        fields["scheduled_time"] = timezone.now() + retry_delay(retries)
    Email.objects.filter(pk=email.pk).update(**fields)
    log_level = get_log_level()
    if error is not None and log_level >= 1:
        Log.objects.create(
            email=email,
            status=STATUS.failed,
            message=str(error)[:2000],
            exception_type=type(error).__name__,
        )
    elif error is None and log_level >= 2:
        Log.objects.create(email=email, status=STATUS.sent, message="")


def _backend(alias: str) -> BaseEmailBackend:
    backend = get_connection(get_backend(alias or "default"))
    backend.open()  # one connection for the whole pass, not one per message
    return backend


def outbox_deliver(*, limit: int | None = None) -> DeliveryReport:
    """Send due messages, one claimed row at a time, until none is due, `limit` were tried, or a
    failure says the server is unwell."""
    limit = limit or int(settings.MAIL_DELIVER_BATCH)
    sent = requeued = failed = 0
    backends: dict[str, BaseEmailBackend] = {}
    try:
        for _ in range(limit):
            email = _claim_next()
            if email is None:
                break
            try:
                message = email.prepare_email_message()
                if message.recipients():
                    alias = email.backend_alias or "default"
                    if alias not in backends:
                        backends[alias] = _backend(alias)
                    backends[alias].send_messages([message])
            except PERMANENT_MAIL_ERRORS as exc:
                logger.exception("E-mail #%s to %s refused; not retrying", email.pk, email.to)
                _record(email, status=STATUS.failed, error=exc)
                failed += 1
                continue
            except Exception as exc:
                retries = email.number_of_retries or 0
                if retries >= int(settings.MAIL_MAX_RETRIES):
                    logger.exception(
                        "E-mail #%s to %s failed after %s retries; giving up",
                        email.pk,
                        email.to,
                        retries,
                    )
                    _record(email, status=STATUS.failed, error=exc)
                    failed += 1
                else:
                    logger.warning(
                        "E-mail #%s to %s not sent (%s: %s); retry %s in %s",
                        email.pk,
                        email.to,
                        type(exc).__name__,
                        exc,
                        retries + 1,
                        retry_delay(retries + 1),
                    )
                    _record(email, status=STATUS.requeued, error=exc)
                    requeued += 1
                # The server is down or slow: stop here instead of timing out on every row.
                break
            _record(email, status=STATUS.sent)
            sent += 1
    finally:
        for backend in backends.values():
            try:
                backend.close()
            except Exception:
                logger.exception("Could not close the e-mail connection")
    if sent or requeued or failed:
        logger.info("Outbox: %s sent, %s to retry, %s failed", sent, requeued, failed)
    return DeliveryReport(sent=sent, requeued=requeued, failed=failed)


def outbox_purge(*, older_than_days: int) -> int:
    """Delete sent and failed messages (and their logs) older than `older_than_days`: they hold
    addresses and personal links. Messages still waiting are never deleted."""
    cutoff = timezone.now() - datetime.timedelta(days=older_than_days)
    deleted, _ = Email.objects.filter(
        created__lt=cutoff, status__in=[STATUS.sent, STATUS.failed]
    ).delete()
    return deleted
