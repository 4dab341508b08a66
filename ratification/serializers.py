"""API representations. Explicit fields everywhere; read-only shapes serialize selector results."""

from __future__ import annotations

import datetime

from django_countries.serializers import CountryFieldMixin
from rest_framework import serializers

from ratification.models import Treaty, TreatyAction
from ratification.services.actions import TREATY_ACTION_FIELDS

# Named once for the OpenAPI schema (settings.SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"]).
# The codes of ratification.status.TreatyStatus, the vocabulary the pages show in words. "party",
# "signatory" and "none" are unchanged since API 1.0; "denounced" (a former party whose
# denunciation has taken effect, until then reported as "none") and "not_applicable" (a
# territory with no action of its own, on a country's treaty list) were added.
PARTICIPANT_STATUS_CHOICES = [
    ("party", "party"),
    ("signatory", "signatory (not a party)"),
    ("denounced", "former party: its denunciation has taken effect"),
    ("none", "none: no action"),
    ("not_applicable", "not applicable: a territory or area with no action of its own"),
]

# Two signatory counts, both kept: `signatories` (the original field) counts states that signed
# and are not (yet) parties; `signatories_total` is the UN's "Signatories" header figure.
SIGNATORIES_HELP = (
    "States that signed and are not (yet) a party: the signatories still to ratify. "
    "Unchanged since API 1.0; the UN's own count is `signatories_total`."
)
SIGNATORIES_TOTAL_HELP = (
    "Every state that signed, parties that signed before ratifying included: the "
    "'Signatories' figure in the UN Treaty Collection's page header."
)


class TreatySerializer(serializers.Serializer):
    """A `TreatySummary`: the treaty with its counts derived from the actions."""

    slug = serializers.SlugField(source="treaty.slug")
    short_name = serializers.CharField(source="treaty.short_name")
    name = serializers.CharField(source="treaty.name")
    short_name_es = serializers.CharField(
        source="treaty.short_name_es",
        help_text="The acronym Spanish-language texts use; empty when it is the English one.",
    )
    name_es = serializers.CharField(
        source="treaty.name_es", help_text="The UN's official Spanish title; empty if unknown."
    )
    description = serializers.CharField(
        source="treaty.description", help_text="One-sentence description in English."
    )
    description_es = serializers.CharField(
        source="treaty.description_es", help_text="The same description in Spanish."
    )
    source = serializers.ChoiceField(  # type: ignore[assignment]  # a field, not Field.source
        source="treaty.source", choices=Treaty.Source.choices
    )
    untc_reference = serializers.CharField(source="treaty.untc_reference")
    adopted_on = serializers.DateField(source="treaty.adopted_on", allow_null=True)
    entry_into_force_on = serializers.DateField(
        source="treaty.entry_into_force_on", allow_null=True
    )
    as_of = serializers.DateField(source="treaty.as_of", allow_null=True)
    source_url = serializers.URLField(source="treaty.source_url")
    parties = serializers.IntegerField()
    signatories = serializers.IntegerField(help_text=SIGNATORIES_HELP)
    signatories_total = serializers.IntegerField(help_text=SIGNATORIES_TOTAL_HELP)


class DeclarationSerializer(serializers.Serializer):
    article = serializers.CharField()
    date = serializers.DateField()

    def to_representation(self, instance: tuple[str, datetime.date]) -> dict[str, object]:
        article, date = instance
        return {"article": article, "date": serializers.DateField().to_representation(date)}


class ParticipantSerializer(serializers.Serializer):
    """A `ParticipantRow`."""

    iso2 = serializers.CharField(source="country_code")
    country = serializers.CharField(
        source="country_name",
        help_text="Country name in the request's language (Accept-Language; English by default).",
    )
    region = serializers.CharField()
    status = serializers.ChoiceField(choices=PARTICIPANT_STATUS_CHOICES)
    signature_date = serializers.DateField(source="signed_on", allow_null=True)
    signature_kind = serializers.CharField()
    consent_date = serializers.DateField(
        source="consent_on", allow_null=True, help_text="Ratification, accession, succession…"
    )
    consent_kind = serializers.CharField()
    entry_into_force = serializers.DateField(source="entry_into_force_on", allow_null=True)
    declarations = DeclarationSerializer(many=True)


class ParticipantListSerializer(serializers.Serializer):
    """A `TreatyParticipants`: counts over everyone, rows after the filters."""

    treaty = serializers.SlugField(source="treaty.slug")
    as_of = serializers.SerializerMethodField()
    parties = serializers.IntegerField()
    signatories = serializers.IntegerField(help_text=SIGNATORIES_HELP)
    signatories_total = serializers.IntegerField(help_text=SIGNATORIES_TOTAL_HELP)
    count = serializers.SerializerMethodField()
    results = ParticipantSerializer(source="rows", many=True)

    def get_as_of(self, obj: object) -> str | None:
        date = getattr(obj, "on", None) or obj.treaty.as_of  # type: ignore[attr-defined]
        return date.isoformat() if date else None

    def get_count(self, obj: object) -> int:
        return len(obj.rows)  # type: ignore[attr-defined]


class CountryTreatySerializer(serializers.Serializer):
    """A `CountryTreatyRow`."""

    treaty = serializers.SlugField(source="treaty.slug")
    short_name = serializers.CharField(source="treaty.short_name")
    status = serializers.ChoiceField(choices=PARTICIPANT_STATUS_CHOICES)
    signature_date = serializers.DateField(source="signed_on", allow_null=True)
    consent_date = serializers.DateField(source="consent_on", allow_null=True)
    consent_kind = serializers.CharField()
    entry_into_force = serializers.DateField(source="entry_into_force_on", allow_null=True)
    declarations = DeclarationSerializer(many=True)


class CountryOverviewSerializer(serializers.Serializer):
    """A `CountryOverview`."""

    iso2 = serializers.CharField(source="code")
    name = serializers.CharField(
        help_text="Country name in the request's language (Accept-Language; English by default)."
    )
    region = serializers.CharField()
    subregion = serializers.CharField()
    party_count = serializers.IntegerField(
        source="untc_party_count", help_text="UNTC treaties this country is party to."
    )
    treaty_count = serializers.IntegerField(source="untc_treaty_count")
    treaties = CountryTreatySerializer(source="rows", many=True)


class TreatyActionSerializer(CountryFieldMixin, serializers.ModelSerializer):
    treaty = serializers.SlugRelatedField(slug_field="slug", queryset=Treaty.objects.all())

    class Meta:
        model = TreatyAction
        fields = ["id", *TREATY_ACTION_FIELDS, "created_at", "updated_at"]
        read_only_fields = ["id", "created_at", "updated_at"]
        # The unique state/kind/article rule is checked once, by `full_clean()` in the service.
        validators: list[object] = []
