"""Query-string filters: the participants filter (HTML pages and API alike) and the actions FilterSet."""

from __future__ import annotations

import datetime
from typing import Any

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from core.filtering import CaseInsensitiveChoiceField, CaseInsensitiveChoiceFilter
from ratification.models import ActionKind, TreatyAction
from ratification.status import TreatyStatus

# A participant has acted: it is a party, a signatory or a former party (never "no action").
STATUS_FILTER_CHOICES = [
    ("", _("Any status")),
    *(
        (status.value, status.label)
        for status in (TreatyStatus.PARTY, TreatyStatus.SIGNATORY, TreatyStatus.DENOUNCED)
    ),
]
SORT_CHOICES = [
    (f"{prefix}{key}", f"{prefix}{key}")
    for key in ("country", "status", "signed", "ratified")
    for prefix in ("", "-")
]


class ParticipantFilterForm(forms.Form):
    """`region`, `status`, `as_of` (YYYY-MM-DD) and `sort` for a participants table.

    One validation path for the treaty page, its downloads and the API, so a value accepted in one
    place is never refused in another. Regions are the ones present in the country table.
    """

    region = CaseInsensitiveChoiceField(label=_("Region"), required=False)
    status = CaseInsensitiveChoiceField(
        label=_("Status"), required=False, choices=STATUS_FILTER_CHOICES
    )
    as_of = forms.DateField(
        label=_("Status as at"),
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter a date as YYYY-MM-DD.")},
    )
    sort = CaseInsensitiveChoiceField(
        required=False, choices=SORT_CHOICES, widget=forms.HiddenInput
    )

    def __init__(self, *args: Any, regions: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        region = self.fields["region"]
        assert isinstance(region, forms.ChoiceField)
        region.choices = [("", _("All regions")), *regions]

    def clean_as_of(self) -> datetime.date | None:
        value: datetime.date | None = self.cleaned_data.get("as_of")
        if value is not None and value.year < 1900:
            raise forms.ValidationError(_("Enter a date after 1900."))
        return value


class CountryIndexFilterForm(forms.Form):
    """`q` (name or ISO code), `status` (under the ICRMW), `region` and `kind` for the country
    index. An invalid value is reported and ignored, never a server error."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = CaseInsensitiveChoiceField(
        label=_("ICRMW status"),
        required=False,
        choices=[("", _("Any status")), *TreatyStatus.choices],
    )
    region = CaseInsensitiveChoiceField(label=_("Region"), required=False)
    kind = CaseInsensitiveChoiceField(
        label=_("Kind"),
        required=False,
        choices=[
            ("", _("All")),
            ("member", _("UN member states")),
            ("observer", _("Non-member observer states")),
            ("other", _("Territories and other participants")),
        ],
    )

    def __init__(self, *args: Any, regions: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        region = self.fields["region"]
        assert isinstance(region, forms.ChoiceField)
        region.choices = [("", _("All regions")), *regions]


class TreatyActionFilter(django_filters.FilterSet):
    treaty = django_filters.CharFilter(field_name="treaty__slug", label=_("Treaty slug"))
    country = django_filters.CharFilter(method="filter_country", label=_("ISO 3166-1 alpha-2"))
    kind = CaseInsensitiveChoiceFilter(choices=ActionKind.choices)
    date = django_filters.DateFromToRangeFilter(
        label=_("Date range (date_after, date_before: YYYY-MM-DD)")
    )

    class Meta:
        model = TreatyAction
        fields = ["treaty", "country", "kind", "date"]

    def filter_country(self, queryset: Any, name: str, value: str) -> Any:
        return queryset.filter(country=value.upper())
