"""HTML forms. Plain `Form`s built from the model fields (so limits and choices stay in one
place) rather than ModelForms: a ModelForm writes into the instance while validating, and the
services need to see what changed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.forms.models import fields_for_model
from django.utils.translation import gettext_lazy as _

from core.filtering import canonical_choice
from core.forms import HoneypotMixin
from core.search import fold
from partners.models import (
    LONG_TEXT_MAX_LENGTH,
    Commitment,
    CommitmentUpdate,
    ContentLanguage,
    FocusArea,
    JoinRequest,
    Language,
    Membership,
    Partner,
)
from partners.selectors import DirectoryFilters
from partners.services import profiles
from partners.services.commitments import COMMITMENT_FIELDS, COMMITMENT_UPDATE_FIELDS
from partners.services.moderation import CLAIM_REQUEST_FIELDS, JOIN_REQUEST_FIELDS
from partners.validators import validate_social_links
from ratification.selectors.countries import region_choices

# social_links is a declared field below (one URL per line), not the model's JSON widget.
PROFILE_FIELDS = [name for name in profiles.PROFILE_FIELDS if name != "social_links"]


class ModelFieldsForm(forms.Form):
    model: type[Any]
    model_fields: list[str]
    widgets: dict[str, type[forms.Widget] | forms.Widget] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        generated = fields_for_model(self.model, fields=self.model_fields, widgets=self.widgets)
        # A plain Form does not run the model's field validators (a ModelForm would, in
        # _post_clean); copy them so the error shows next to the field instead of a 500.
        for name, field in generated.items():
            if field is not None:
                for validator in self.model._meta.get_field(name).validators:
                    if validator not in field.validators:
                        field.validators.append(validator)
        declared = dict(self.fields)
        self.fields = {**{k: v for k, v in generated.items() if v is not None}, **declared}


def vocabulary_choices(queryset: QuerySet[Any]) -> list[tuple[Any, str]]:
    """Focus areas or languages labelled in the page's language and sorted as a reader of it
    expects (accents and case ignored: "árabe" between "alemán" and "bengalí")."""
    labelled = [(entry.pk, str(entry.label)) for entry in queryset]
    return sorted(labelled, key=lambda choice: (fold(choice[1]), choice[1]))


class PartnerProfileForm(ModelFieldsForm):
    model = Partner
    model_fields = PROFILE_FIELDS
    widgets = {
        "description": forms.Textarea(attrs={"rows": 6}),
        "description_translation": forms.Textarea(attrs={"rows": 6}),
    }

    focus_areas = forms.ModelMultipleChoiceField(
        label=_("Focus areas"),
        queryset=FocusArea.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    languages = forms.ModelMultipleChoiceField(
        label=_("Languages"),
        queryset=Language.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    social_links = forms.CharField(
        label=_("Social media links"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Up to 10 addresses, one per line, starting with https:// or http://."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["latitude"].help_text = _(
            "Optional. Set both to place your office on the map by hand; the geocoder will then "
            "never move it. Clear both to let the geocoder place you from your address."
        )
        self.fields["longitude"].help_text = ""
        for name in ("focus_areas", "languages"):
            field = self.fields[name]
            # Rendering only: the queryset still decides what is valid.
            field.choices = vocabulary_choices(field.queryset)  # type: ignore[attr-defined]
        # Posted without it (an older page, a script): the description keeps its language.
        self.fields["description_language"].required = False
        self.order_fields([*profiles.PROFILE_FIELDS, "focus_areas", "languages"])

    @classmethod
    def initial_for(cls, partner: Partner) -> dict[str, Any]:
        initial: dict[str, Any] = {name: getattr(partner, name) for name in PROFILE_FIELDS}
        initial["focus_areas"] = list(partner.focus_areas.all())
        initial["languages"] = list(partner.languages.all())
        initial["social_links"] = "\n".join(partner.social_link_list)
        return initial

    def clean_description_language(self) -> str:
        return str(
            self.cleaned_data.get("description_language")
            or self.initial.get("description_language")
            or ContentLanguage.EN
        )

    def clean_social_links(self) -> list[str]:
        links = [line.strip() for line in self.cleaned_data["social_links"].splitlines()]
        links = [url for url in links if url]
        validate_social_links(links)
        return links

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        lat, lng = data.get("latitude"), data.get("longitude")
        if (lat is None) != (lng is None) and not self.has_error("latitude"):
            self.add_error(
                "longitude" if lng is None else "latitude",
                _("Give both latitude and longitude, or neither."),
            )
        return data


class CommitmentForm(ModelFieldsForm):
    model = Commitment
    model_fields = list(COMMITMENT_FIELDS)
    widgets = {
        "due_on": forms.DateInput(
            attrs={"type": "date"}, format="%Y-%m-%d"
        ),  # ISO in every language
        "text_translation": forms.Textarea(attrs={"rows": 4}),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text_language"].required = False

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("text_language"):
            # Posted without it: a new commitment gets the default, an edit keeps its language.
            data.pop("text_language", None)
        return data


class CommitmentUpdateForm(ModelFieldsForm):
    model = CommitmentUpdate
    model_fields = list(COMMITMENT_UPDATE_FIELDS)
    widgets = {
        "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),  # ISO in every language
        "text": forms.Textarea(attrs={"rows": 3}),
    }


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"))
    role = forms.ChoiceField(
        label=_("Role"), choices=Membership.Role.choices, initial=Membership.Role.EDITOR
    )


class JoinRequestForm(HoneypotMixin, ModelFieldsForm):
    model = JoinRequest
    model_fields = list(JOIN_REQUEST_FIELDS)


class ClaimRequestForm(HoneypotMixin, ModelFieldsForm):
    model = JoinRequest
    model_fields = list(CLAIM_REQUEST_FIELDS)


class ModerationDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", _("Approve")), ("reject", _("Reject"))], widget=forms.HiddenInput
    )
    note = forms.CharField(
        label=_("Note to the applicant"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=LONG_TEXT_MAX_LENGTH,
    )


class InvitationSignupForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    password1 = forms.CharField(label=_("Password"), widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(label=_("Password again"), widget=forms.PasswordInput, strip=False)

    def clean_username(self) -> str:
        username = self.cleaned_data["username"].strip()
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This username is taken."))
        return username

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        return data


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)

    @classmethod
    def filters_from(cls, data: Any) -> tuple[DirectoryFilterForm, DirectoryFilters]:
        """The form for a query string and the filters it means (an invalid one: no filter)."""
        form = cls(data or None)
        cleaned = form.cleaned_data if form.is_valid() else {}
        return form, DirectoryFilters(**{k: (v or "").strip() for k, v in cleaned.items()})

    country = forms.CharField(required=False, max_length=2)
    region = forms.CharField(required=False, max_length=50)
    kind = forms.CharField(required=False, max_length=12)
    focus = forms.CharField(required=False, max_length=60)
    language = forms.CharField(required=False, max_length=8)

    # Values in any case, as the API takes them: the directory's facets and queries then see the
    # canonical spelling (ISO codes upper case, slugs and codes lower case, regions as stored).
    def clean_country(self) -> str:
        return str(self.cleaned_data.get("country") or "").strip().upper()

    def clean_region(self) -> str:
        region = str(self.cleaned_data.get("region") or "").strip()
        return str(canonical_choice(region, region_choices())) if region else ""

    def clean_kind(self) -> str:
        return str(self.cleaned_data.get("kind") or "").strip().lower()

    def clean_focus(self) -> str:
        return str(self.cleaned_data.get("focus") or "").strip().lower()

    def clean_language(self) -> str:
        return str(self.cleaned_data.get("language") or "").strip().lower()
