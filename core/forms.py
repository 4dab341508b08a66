"""Form pieces every app's public forms share: the honeypot and the service-error helper."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# The name of the field only bots fill in (`templates/includes/form_fields.html` defaults to it).
HONEYPOT_FIELD = "website_url"


class HoneypotMixin(forms.Form):
    """A field people never see and bots fill in.

    `templates/includes/form_fields.html` renders `website_url` hidden from people and screen
    readers (CSS, aria-hidden, no tab stop), labelled to be left empty.
    """

    website_url = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200)

    def is_spam(self) -> bool:
        return bool(self.data.get(self.add_prefix(HONEYPOT_FIELD)))


def add_service_errors(
    form: Any, exc: ValidationError, *, default_field: str | None = None
) -> None:
    """Show a service's `ValidationError` next to the matching form fields; errors for fields
    the form does not have go to `default_field` (None: the form's own, non-field errors)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else default_field, errors)
    else:
        form.add_error(default_field, exc)
