"""Project-wide Celery tasks."""

from __future__ import annotations

import smtplib
from typing import Any

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation


@shared_task(
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=True,
    retry_jitter=True,
    max_retries=5,
)
def mail_send_task(
    *,
    to: list[str],
    subject: str,
    template: str,
    context: dict[str, Any],
    language: str | None = None,
) -> None:
    """Render `emails/<template>.txt` (and `.html` if present) in `language` and send it."""
    context = {**context, "site_url": settings.SITE_URL}
    with translation.override(language or settings.LANGUAGE_CODE):
        text = render_to_string(f"emails/{template}.txt", context)
        try:
            html: str | None = render_to_string(f"emails/{template}.html", context)
        except TemplateDoesNotExist:
            html = None
    message = EmailMultiAlternatives(subject=subject, body=text, to=to)
    if html is not None:
        message.attach_alternative(html, "text/html")
    message.send()
