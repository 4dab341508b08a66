"""Forms of the ratification app."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from ratification.models import Treaty
from ratification.untc.source import MAX_PAGE_BYTES


class ImportUploadForm(forms.Form):
    page = forms.FileField(
        label=_("Saved UNTC status page"),
        help_text=_(
            "The HTML of a treaty's status page on treaties.un.org, saved from the browser "
            "(“Save page as… HTML only”). At most 10 MB."
        ),
    )
    treaty = forms.ChoiceField(
        label=_("Treaty"),
        required=False,
        help_text=_("Optional: the page must then be this treaty's, or it is refused."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices: list[tuple[str, str]] = [("", str(_("Recognise it from the page")))]
        choices += [
            (slug, f"{short_name} (UNTC {ref})")
            for slug, short_name, ref in Treaty.objects.filter(source=Treaty.Source.UNTC)
            .exclude(untc_reference="")
            .values_list("slug", "short_name", "untc_reference")
        ]
        treaty_field = self.fields["treaty"]
        assert isinstance(treaty_field, forms.ChoiceField)
        treaty_field.choices = choices

    def clean_page(self) -> UploadedFile:
        page: UploadedFile = self.cleaned_data["page"]
        if page.size is not None and page.size > MAX_PAGE_BYTES:
            raise forms.ValidationError(
                _("The file is larger than 10 MB: a UNTC status page is well under 1 MB.")
            )
        if page.size == 0:
            raise forms.ValidationError(_("The file is empty."))
        return page
