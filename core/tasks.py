"""Celery tasks of the project core. Thin: each renders or calls one thing."""

from __future__ import annotations

import logging
import smtplib
from typing import Any

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation

from core.text import single_line

logger = logging.getLogger(__name__)

# SMTP errors and socket errors are all OSError: the server is down, slow or said "try later".
TRANSIENT_MAIL_ERRORS = (OSError,)
# ...except these, which fail the same way on every retry: give up and log.
PERMANENT_MAIL_ERRORS = (smtplib.SMTPRecipientsRefused, smtplib.SMTPNotSupportedError)


@shared_task(
    autoretry_for=TRANSIENT_MAIL_ERRORS,
    retry_backoff=True,
    retry_backoff_max=3600,
    retry_jitter=True,
    max_retries=8,
)
def mail_deliver(
    *, to: list[str], subject: str, template: str, context: dict[str, Any], language: str
) -> None:
    """Render `templates/emails/<template>.txt` (and `.html` if present) and send it."""
    full_context = {"site_url": settings.SITE_URL, **context}
    with translation.override(language):
        text = render_to_string(f"emails/{template}.txt", full_context)
        try:
            html: str | None = render_to_string(f"emails/{template}.html", full_context)
        except TemplateDoesNotExist:
            html = None
    message = EmailMultiAlternatives(subject=single_line(subject), body=text, to=to)
    if html is not None:
        message.attach_alternative(html, "text/html")
    try:
        message.send()
    except PERMANENT_MAIL_ERRORS:
        logger.exception("E-mail %r to %s refused; not retrying", template, to)
