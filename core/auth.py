"""Sign-in related pieces the project adds to `django.contrib.auth`."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import forms as auth_forms
from django.template.loader import render_to_string
from django.urls import reverse

from core.mail import mail_send


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Password-reset e-mails leave through `core.mail` like every other e-mail: after
    commit, by the retrying mail task, so a slow or absent mail server never fails the page.
    The link uses the host and port of the request (Django's `RequestSite`)."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        path = reverse(
            "password_reset_confirm", kwargs={"uidb64": context["uid"], "token": context["token"]}
        )
        mail_send(
            to=[to_email],
            subject=render_to_string(subject_template_name, context),
            template="core/password_reset",
            context={
                "reset_url": f"{context['protocol']}://{context['domain']}{path}",
                "username": context["user"].get_username(),
            },
        )
