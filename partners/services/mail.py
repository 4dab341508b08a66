"""Plain-text + HTML e-mails rendered from `templates/emails/<name>.{txt,html}`."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse


def absolute_url(viewname: str, **kwargs: Any) -> str:
    return settings.SITE_URL + reverse(viewname, kwargs=kwargs or None)


def send_templated_mail(
    *, name: str, to: list[str], subject: str, context: dict[str, Any], on_commit: bool = True
) -> None:
    """Send after the surrounding transaction commits, so a rolled-back write sends nothing."""
    context = {**context, "site_url": settings.SITE_URL}
    text = render_to_string(f"emails/{name}.txt", context)
    html = render_to_string(f"emails/{name}.html", context)

    def send() -> None:
        message = EmailMultiAlternatives(subject=subject, body=text, to=to)
        message.attach_alternative(html, "text/html")
        message.send()

    if on_commit:
        transaction.on_commit(send)
    else:
        send()
