"""Sign-in related pieces the project adds to `django.contrib.auth`.

Password reset answers the same way, and does the same work, for an address with an account
and one without: the page only validates the form, counts the request against two throttles and
queues `password_reset_deliver`, which looks the address up and writes the e-mail in the worker.
It used to look the address up, render the message and queue it inside the request, so an
unknown address answered measurably faster, and nothing limited how often one address could be
sent a reset (21 e-mails in a few seconds).

The throttles count in the shared cache (`core.throttles.rate_limited`), per client address
(`core.http.client_address`) and per account, keyed by the address typed in one spelling
(`core.validators.canonical_email`): `PASSWORD_RESETS_PER_HOUR_PER_ADDRESS` and
`PASSWORD_RESETS_PER_HOUR_PER_ACCOUNT`. Either answers 429 with the form and a message, the same
for known and unknown addresses.
"""

from __future__ import annotations

import hashlib
import logging
from typing import Any
from urllib.parse import urlsplit

from celery import shared_task
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import views as auth_views
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core.http import client_address
from core.mail import mail_send, request_base_url
from core.throttles import rate_limited
from core.validators import canonical_email

logger = logging.getLogger(__name__)

RESET_THROTTLE_PERIOD = 3600


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Password-reset e-mails leave through `core.mail` like every other e-mail: after
    commit, by the retrying mail task, so a slow or absent mail server never fails the page.
    The link uses the host and port of the request the reset was asked on."""

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


@shared_task(ignore_result=True)
def password_reset_deliver(*, email: str, base_url: str, language: str) -> None:
    """E-mail a reset link to every active account with a usable password at `email`, on
    `base_url` and in `language`; nothing for an address without one. Registered by
    `CoreConfig.ready` (this module is not a `tasks` module)."""
    form = PasswordResetForm(data={"email": email})
    if not form.is_valid():
        return
    site = urlsplit(base_url)
    with translation.override(language):
        form.save(domain_override=site.netloc, use_https=site.scheme == "https")


def _queue_reset(*, email: str, base_url: str, language: str) -> None:
    kwargs = {"email": email, "base_url": base_url, "language": language}
    if password_reset_deliver.delay(**kwargs) is None:
        # The broker could not take it (`core.broker.FailSoftTask` logged why, and returns
        # None): do the work here rather than lose the reset, which writes the e-mail to the
        # outbox for the sweep. Only then does the page take longer for a known address.
        password_reset_deliver(**kwargs)


def _account_key(email: str) -> str:
    # The address never appears in a cache key (keys show up in monitoring and logs).
    return hashlib.sha256(canonical_email(email).encode()).hexdigest()


def password_reset_throttled(*, request: HttpRequest, email: str) -> bool:
    """Count one reset request; True past either limit. The client address is checked first,
    so one client cannot use up the allowance of every account it names."""
    return rate_limited(
        scope="password_reset_address",
        key=client_address(request),
        limit=settings.PASSWORD_RESETS_PER_HOUR_PER_ADDRESS,
        period=RESET_THROTTLE_PERIOD,
    ) or rate_limited(
        scope="password_reset_account",
        key=_account_key(email),
        limit=settings.PASSWORD_RESETS_PER_HOUR_PER_ACCOUNT,
        period=RESET_THROTTLE_PERIOD,
    )


class PasswordResetView(auth_views.PasswordResetView):
    """Django's page with the same answer for every address, throttled, and no lookup or mail
    in the request: see the module's docstring."""

    form_class = PasswordResetForm

    def form_valid(self, form: auth_forms.PasswordResetForm) -> HttpResponse:
        email = form.cleaned_data["email"]
        if password_reset_throttled(request=self.request, email=email):
            form.add_error(
                None,
                _("Too many password reset requests. Try again in an hour."),
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        base_url = request_base_url(self.request)
        language = translation.get_language() or settings.LANGUAGE_CODE
        transaction.on_commit(
            lambda: _queue_reset(email=email, base_url=base_url, language=language), robust=True
        )
        return HttpResponseRedirect(self.get_success_url())
