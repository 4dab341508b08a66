"""Sign forms (organisation and individual) and the member activity form.

The forms check shape only; the services own the rules (and re-validate through the models).
"""

from __future__ import annotations

import functools
import zoneinfo
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from campaigns.models import (
    ACTIVITY_DESCRIPTION_MAX_LENGTH,
    ADDRESS_MAX_LENGTH,
    CITY_MAX_LENGTH,
    EMAIL_MAX_LENGTH,
    LANGUAGE_CHOICES,
    ORGANISATION_NAME_MAX_LENGTH,
    SIGNER_NAME_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    URL_MAX_LENGTH,
    Campaign,
    Material,
    Pledge,
)
from campaigns.validators import (
    validate_mailbox,
    validate_single_line,
    validate_visible_text,
)
from core.forms import HoneypotMixin
from partners.forms import ModelFieldsForm
from partners.models import Partner
from partners.selectors import partner_choices


def country_choices() -> list[tuple[str, str]]:
    """In the active language, sorted by it: a callable, so that Django asks again on every
    form (a plain `countries` iterable is frozen into the class in the language of import)."""
    return [(code, str(name)) for code, name in countries]


@functools.cache
def _zone_names() -> tuple[str, ...]:
    """The IANA zones people pick from: Area/Location names and UTC, not the legacy aliases
    (US/Eastern, EST5EDT, Etc/GMT+5…) a tz database also carries."""
    legacy = ("Etc/", "SystemV/", "US/", "posix", "right/")
    names = (
        name
        for name in zoneinfo.available_timezones()
        if "/" in name and not name.startswith(legacy)
    )
    return ("UTC", *sorted(names))


def timezone_choices() -> list[tuple[str, str]]:
    """The time-zone select: first (the default) the city's own zone, which the service looks
    up; a callable, so the first label follows the active language."""
    return [("", str(_("The city's time zone"))), *((name, name) for name in _zone_names())]


class _SignForm(HoneypotMixin, forms.Form):
    kind: str = ""
    name = forms.CharField(
        label=_("Your name"),
        max_length=SIGNER_NAME_MAX_LENGTH,
        validators=[validate_single_line, validate_visible_text],
    )
    country = forms.TypedChoiceField(label=_("Country"), choices=country_choices)
    city = forms.CharField(
        label=_("City"),
        max_length=CITY_MAX_LENGTH,
        required=False,
        validators=[validate_single_line],
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=EMAIL_MAX_LENGTH,
        validators=[validate_mailbox],
        help_text=_("Only to confirm your signature. Never shown publicly."),
    )
    display = forms.ChoiceField(
        label=_("How your signature appears"),
        choices=Pledge.Display.choices,
        initial=Pledge.Display.FULL,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", self.kind)
        super().__init__(*args, **kwargs)


class IndividualSignForm(_SignForm):
    kind = Pledge.Kind.INDIVIDUAL


class OrganisationSignForm(_SignForm):
    kind = Pledge.Kind.ORGANISATION
    organisation_name = forms.CharField(
        label=_("Organisation name"),
        max_length=ORGANISATION_NAME_MAX_LENGTH,
        required=False,
        validators=[validate_single_line, validate_visible_text],
    )
    partner = forms.ModelChoiceField(
        label=_("Sign for a partner organisation you are a member of"),
        queryset=partner_choices(),
        required=False,
        to_field_name="slug",
        help_text=_("The signature is then linked to the partner profile and marked as verified."),
    )
    field_order = ["partner", "organisation_name", "name", "country", "city", "email", "display"]

    def __init__(self, *args: Any, partners: list[Partner] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].label = _("Contact name")
        if partners:
            partner_field = self.fields["partner"]
            assert isinstance(partner_field, forms.ModelChoiceField)
            partner_field.queryset = partner_choices(pks=[p.pk for p in partners])
        else:
            del self.fields["partner"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("partner") and not (data.get("organisation_name") or "").strip():
            self.add_error("organisation_name", _("Give the organisation's name."))
        return data


class ActivityForm(forms.Form):
    partner = forms.ModelChoiceField(
        label=_("Partner"), queryset=partner_choices(), to_field_name="slug"
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_MAX_LENGTH,
        validators=[validate_single_line, validate_visible_text],
    )
    starts_at = forms.DateTimeField(
        label=_("Starts"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        help_text=_("Local time at the place of the activity."),
    )
    ends_at = forms.DateTimeField(
        label=_("Ends"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        help_text=_("Local time. Without an end, calendars show two hours."),
    )
    city = forms.CharField(
        label=_("City"), max_length=CITY_MAX_LENGTH, validators=[validate_single_line]
    )
    country = forms.TypedChoiceField(label=_("Country"), choices=country_choices)
    # After the city: by default the activity keeps the city's zone (the service looks it up).
    timezone_name = forms.ChoiceField(
        label=_("Time zone"),
        choices=timezone_choices,
        required=False,
        help_text=_("Leave it on the city's time zone unless the activity keeps another."),
    )
    show_address = forms.BooleanField(label=_("Show the street address publicly"), required=False)
    address = forms.CharField(
        label=_("Street address"),
        max_length=ADDRESS_MAX_LENGTH,
        required=False,
        validators=[validate_single_line],
    )
    online_url = forms.URLField(
        label=_("Online link"), max_length=URL_MAX_LENGTH, required=False, assume_scheme="https"
    )
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES)
    description = forms.CharField(
        label=_("Description"),
        max_length=ACTIVITY_DESCRIPTION_MAX_LENGTH,
        required=False,
        widget=forms.Textarea,
    )

    def __init__(self, *args: Any, partners: list[Partner], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        partner_field = self.fields["partner"]
        assert isinstance(partner_field, forms.ModelChoiceField)
        partner_field.queryset = partner_choices(pks=[p.pk for p in partners])

    def clean_starts_at(self) -> Any:
        # Read as wall-clock time in the chosen zone by the service, not in the server's zone.
        value = self.cleaned_data["starts_at"]
        return value.replace(tzinfo=None) if value is not None else value

    def clean_ends_at(self) -> Any:
        value = self.cleaned_data["ends_at"]
        return value.replace(tzinfo=None) if value is not None else value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts_at, ends_at = data.get("starts_at"), data.get("ends_at")
        # Both wall-clock times in the same zone: comparable as they are.
        if starts_at is not None and ends_at is not None and ends_at <= starts_at:
            self.add_error("ends_at", _("The end must be after the start."))
        return data


CAMPAIGN_STAFF_FIELDS = [
    "title_en",
    "title_es",
    "summary_en",
    "summary_es",
    "text_en",
    "text_es",
    "treaty",
    "target_country",
    "goal",
    "opens_on",
    "closes_on",
    "signers",
    "donation_url",
]
_DATE = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class CampaignStaffForm(ModelFieldsForm):
    """What staff edit on the staff pages; the kind and slug stay as created (links use them)."""

    model = Campaign
    model_fields = CAMPAIGN_STAFF_FIELDS
    widgets = {
        "text_en": forms.Textarea(attrs={"rows": 8}),
        "text_es": forms.Textarea(attrs={"rows": 8}),
        "opens_on": _DATE,
        "closes_on": _DATE,
    }

    @classmethod
    def initial_for(cls, campaign: Campaign) -> dict[str, Any]:
        return {name: getattr(campaign, name) for name in CAMPAIGN_STAFF_FIELDS}


class MaterialUploadForm(ModelFieldsForm):
    """Title and language as the model defines them (its validators copied); the file is
    sniffed and size-checked by `material_upload`."""

    model = Material
    model_fields = ["title", "language"]

    file = forms.FileField(
        label=_("File"), help_text=_("PDF, PNG or JPEG, up to 15 MB; the file's content decides.")
    )
