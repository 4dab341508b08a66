"""Form pieces every app's public forms share."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class HoneypotMixin(forms.Form):
    """A field people never see and bots fill in.

    `templates/includes/form_fields.html` renders `website_url` hidden from people and screen
    readers (CSS, aria-hidden, no tab stop), labelled to be left empty.
    """

    website_url = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200)

    def is_spam(self) -> bool:
        return bool(self.data.get(self.add_prefix("website_url")))
