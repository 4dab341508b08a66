"""API shapes. Explicit fields everywhere; a signer's e-mail has no field in any output."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.dateparse import parse_datetime
from django_countries.serializer_fields import CountryField
from rest_framework import serializers

from campaigns.models import (
    ACTIVITY_DESCRIPTION_MAX_LENGTH,
    ADDRESS_MAX_LENGTH,
    CITY_MAX_LENGTH,
    EMAIL_MAX_LENGTH,
    LANGUAGE_CHOICES,
    ORGANISATION_NAME_MAX_LENGTH,
    SIGNER_NAME_MAX_LENGTH,
    TIMEZONE_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    URL_MAX_LENGTH,
    Activity,
    Campaign,
    CampaignMessage,
    Material,
    Pledge,
)
from campaigns.selectors import PublicSigner
from campaigns.validators import validate_mailbox

# The raw date-time string, before parsing: any ISO 8601 form with an offset fits.
STARTS_AT_MAX_LENGTH = 40


class CampaignSerializer(serializers.ModelSerializer):
    title = serializers.CharField(read_only=True, help_text="In the request's language.")
    summary = serializers.CharField(read_only=True)
    treaty: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True
    )
    target_country = CountryField(read_only=True, allow_blank=True)
    signature_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Campaign
        fields = [
            "slug",
            "kind",
            "title",
            "title_en",
            "title_es",
            "summary",
            "treaty",
            "target_country",
            "goal",
            "opens_on",
            "closes_on",
            "signers",
            "donation_url",
            "signature_count",
        ]
        read_only_fields = fields


class CountryCountSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    count = serializers.IntegerField()


class CountsSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    organisations = serializers.IntegerField()
    individuals = serializers.IntegerField()
    by_country = CountryCountSerializer(many=True)


class MessageSerializer(serializers.ModelSerializer):
    text = serializers.CharField(read_only=True)

    class Meta:
        model = CampaignMessage
        fields = ["text", "text_en", "text_es", "hashtags"]
        read_only_fields = fields


class MaterialSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = Material
        fields = ["title", "language", "file_type", "size", "url"]
        read_only_fields = fields

    def get_url(self, obj: Material) -> str:
        request = self.context.get("request")
        url = obj.file.url
        return request.build_absolute_uri(url) if request else url


class CampaignDetailSerializer(CampaignSerializer):
    text = serializers.CharField(read_only=True)
    text_en = serializers.CharField(read_only=True)
    text_es = serializers.CharField(read_only=True)
    counts = serializers.SerializerMethodField()
    messages = MessageSerializer(many=True, read_only=True)
    materials = MaterialSerializer(many=True, read_only=True)

    class Meta(CampaignSerializer.Meta):
        fields = [
            *CampaignSerializer.Meta.fields,
            "text",
            "text_en",
            "text_es",
            "counts",
            "messages",
            "materials",
        ]
        read_only_fields = fields

    def get_counts(self, obj: Campaign) -> dict[str, Any]:
        counts = self.context["counts"]
        return dict(CountsSerializer(counts).data)


class PublicSignerSerializer(serializers.Serializer):
    """A signer as they chose to appear: `name` is empty for "country only"."""

    kind = serializers.ChoiceField(choices=Pledge.Kind.choices)
    name = serializers.CharField()
    city = serializers.CharField()
    country = serializers.CharField()
    country_name = serializers.CharField()
    verified = serializers.BooleanField()
    partner_slug = serializers.CharField()
    signed_on = serializers.DateField(allow_null=True)

    def to_representation(self, instance: PublicSigner) -> dict[str, Any]:
        return super().to_representation(instance)


class PledgeCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Pledge.Kind.choices)
    organisation_name = serializers.CharField(
        max_length=ORGANISATION_NAME_MAX_LENGTH, required=False, allow_blank=True
    )
    partner = serializers.SlugField(
        required=False,
        allow_blank=True,
        help_text="Slug of a partner you are a member of (signed-in members only): the pledge is "
        "then linked to it and shown as verified.",
    )
    name = serializers.CharField(max_length=SIGNER_NAME_MAX_LENGTH)
    country = CountryField()
    city = serializers.CharField(max_length=CITY_MAX_LENGTH, required=False, allow_blank=True)
    email = serializers.EmailField(
        max_length=EMAIL_MAX_LENGTH,
        validators=[validate_mailbox],
        help_text="Private: used only to confirm. One pledge per mailbox: plus-tags, dots at "
        "Gmail and the Unicode or ASCII form of the domain do not make another.",
    )
    display = serializers.ChoiceField(choices=Pledge.Display.choices, default=Pledge.Display.FULL)
    language = serializers.ChoiceField(choices=LANGUAGE_CHOICES, default="en")
    website = serializers.CharField(
        required=False, allow_blank=True, help_text="Leave empty (spam trap)."
    )


class PledgeAcceptedSerializer(serializers.Serializer):
    status = serializers.CharField(help_text="Always `pending_confirmation`.")
    detail = serializers.CharField()


class ActivitySerializer(serializers.ModelSerializer):
    partner: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    partner_name = serializers.CharField(source="partner.name", read_only=True)
    country = CountryField(read_only=True)
    address = serializers.SerializerMethodField()

    class Meta:
        model = Activity
        fields = [
            "id",
            "title",
            "starts_at",
            "ends_at",
            "timezone",
            "city",
            "country",
            "latitude",
            "longitude",
            "address",
            "online_url",
            "language",
            "description",
            "partner",
            "partner_name",
        ]
        read_only_fields = fields

    def get_address(self, obj: Activity) -> str:
        # Published only when the partner chose to show it.
        return obj.address if obj.show_address else ""


class ActivityCreateSerializer(serializers.Serializer):
    partner = serializers.SlugField()
    title = serializers.CharField(max_length=TITLE_MAX_LENGTH)
    starts_at = serializers.CharField(
        max_length=STARTS_AT_MAX_LENGTH,
        help_text="ISO 8601. Without an offset it is read as local time in `timezone`.",
    )
    ends_at = serializers.CharField(
        max_length=STARTS_AT_MAX_LENGTH,
        required=False,
        help_text="ISO 8601, after `starts_at`. Without an offset it is read as local time in "
        "`timezone`. Calendars show two hours when it is left out.",
    )
    timezone = serializers.CharField(
        max_length=TIMEZONE_MAX_LENGTH, help_text="IANA name, e.g. Europe/Madrid."
    )
    city = serializers.CharField(max_length=CITY_MAX_LENGTH)
    country = CountryField()
    language = serializers.ChoiceField(choices=LANGUAGE_CHOICES)
    description = serializers.CharField(
        max_length=ACTIVITY_DESCRIPTION_MAX_LENGTH, required=False, allow_blank=True
    )
    online_url = serializers.URLField(max_length=URL_MAX_LENGTH, required=False, allow_blank=True)
    show_address = serializers.BooleanField(required=False, default=False)
    address = serializers.CharField(max_length=ADDRESS_MAX_LENGTH, required=False, allow_blank=True)

    def validate_starts_at(self, value: str) -> datetime.datetime:
        try:
            parsed = parse_datetime(value.strip())
        except ValueError:
            parsed = None
        if parsed is None:
            raise serializers.ValidationError("Give a date and time such as 2026-12-18T17:00.")
        return parsed

    def validate_ends_at(self, value: str) -> datetime.datetime:
        return self.validate_starts_at(value)


class ActivityCreatedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()
