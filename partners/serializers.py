"""DRF serializers for partners.

Public serializers never read the street address, e-mail or phone fields directly: contact
details come from `partner_public_contact` and coordinates from `partner_public_location`, the
selectors that apply the partner's visibility choices. Editor serializers (shown only to members
and staff) carry the private fields.
"""

from __future__ import annotations

from typing import Any

from django_countries.serializers import CountryFieldMixin
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from partners.models import Commitment, CommitmentUpdate, FocusArea, Language, Membership, Partner
from partners.selectors.profiles import (
    partner_page_url,
    partner_public_contact,
    partner_public_location,
    partner_public_social_links,
)
from partners.services.commitments import COMMITMENT_FIELDS, COMMITMENT_UPDATE_FIELDS
from partners.services.profiles import PROFILE_FIELDS
from partners.validators import SOCIAL_LINK_MAX_LENGTH, SOCIAL_LINKS_MAX, validate_web_url
from ratification.models import Treaty


class FocusAreaSerializer(serializers.ModelSerializer[FocusArea]):
    class Meta:
        model = FocusArea
        fields = ["slug", "name", "name_es"]


class LanguageSerializer(serializers.ModelSerializer[Language]):
    class Meta:
        model = Language
        fields = ["code", "name", "name_es"]


class PartnerContactSerializer(serializers.Serializer[dict[str, str]]):
    """Only the keys the partner chose to publish are present."""

    website = serializers.URLField(required=False)
    email = serializers.EmailField(required=False)
    phone = serializers.CharField(required=False)
    address_1 = serializers.CharField(required=False)
    postal_code = serializers.CharField(required=False)


class PointSerializer(serializers.Serializer[dict[str, float]]):
    latitude = serializers.FloatField()
    longitude = serializers.FloatField()


class PartnerPublicSerializer(serializers.ModelSerializer[Partner]):
    # A plain code, not django-countries' ChoiceField: building that field copies ~250 choices
    # on every request, about a fifth of the list endpoint's time under a profiler.
    country = serializers.CharField(source="country.code", read_only=True)
    country_name = serializers.SerializerMethodField()
    focus_areas = FocusAreaSerializer(many=True, read_only=True)
    languages = LanguageSerializer(many=True, read_only=True)
    contact = serializers.SerializerMethodField()
    location = serializers.SerializerMethodField()
    social_links = serializers.SerializerMethodField()
    page_url = serializers.SerializerMethodField()

    class Meta:
        model = Partner
        fields = [
            "slug",
            "name",
            "kind",
            "description",
            "description_language",
            "description_translation",
            "country",
            "country_name",
            "city",
            "state_province",
            "contact",
            "location",
            "social_links",
            "focus_areas",
            "languages",
            "last_verified_at",
            "updated_at",
            "page_url",
        ]
        read_only_fields = fields

    def get_country_name(self, partner: Partner) -> str:
        return str(partner.country.name)

    @extend_schema_field(PartnerContactSerializer)
    def get_contact(self, partner: Partner) -> dict[str, str]:
        return partner_public_contact(partner)

    @extend_schema_field(PointSerializer(allow_null=True))
    def get_location(self, partner: Partner) -> dict[str, float] | None:
        point = partner_public_location(partner)
        if point is None:
            return None
        return {"latitude": point[0], "longitude": point[1]}

    @extend_schema_field(serializers.ListField(child=serializers.URLField()))
    def get_social_links(self, partner: Partner) -> list[str]:
        return partner_public_social_links(partner)

    @extend_schema_field(OpenApiTypes.STR)
    def get_page_url(self, partner: Partner) -> str:
        return partner_page_url(partner.slug)


_EDITABLE = [*PROFILE_FIELDS, "focus_areas", "languages", "is_published"]

# Members keep their profile right; publication and approval stay with coalition staff.
STAFF_ONLY_FIELDS = frozenset({"is_published"})


class PartnerEditorSerializer(CountryFieldMixin, serializers.ModelSerializer[Partner]):
    """The full profile, for the partner's own members and staff (PATCH, create, approve)."""

    focus_areas = serializers.SlugRelatedField(
        slug_field="slug", many=True, queryset=FocusArea.objects.all(), required=False
    )
    languages = serializers.SlugRelatedField(
        slug_field="code", many=True, queryset=Language.objects.all(), required=False
    )
    # Typed (not the model's free-form JSON) so a client sees the shape in the OpenAPI schema
    # and a number, an object or `null` is a 400 instead of a row that breaks every page.
    social_links = serializers.ListField(
        child=serializers.URLField(
            max_length=SOCIAL_LINK_MAX_LENGTH, validators=[validate_web_url]
        ),
        max_length=SOCIAL_LINKS_MAX,
        required=False,
        help_text="At most 10 http(s) URLs.",
    )

    class Meta:
        model = Partner
        fields = [
            "slug",
            *_EDITABLE,
            "location_source",
            "geocode_status",
            "approved_at",
            "last_verified_at",
            "updated_at",
        ]
        read_only_fields = [
            "location_source",
            "geocode_status",
            "approved_at",
            "last_verified_at",
            "updated_at",
        ]
        extra_kwargs = {"slug": {"required": False}}

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        # Coordinates pin the location by hand, so they come as a pair (or both cleared).
        if ("latitude" in attrs) != ("longitude" in attrs):
            raise serializers.ValidationError({"latitude": "Send latitude and longitude together."})
        if self.instance is not None and "slug" in attrs and attrs["slug"] != self.instance.slug:
            raise serializers.ValidationError({"slug": "The slug cannot be changed."})
        return attrs


class CommitmentUpdateSerializer(serializers.ModelSerializer[CommitmentUpdate]):
    class Meta:
        model = CommitmentUpdate
        fields = list(COMMITMENT_UPDATE_FIELDS)


class CommitmentSerializer(CountryFieldMixin, serializers.ModelSerializer[Commitment]):
    treaty: serializers.SlugRelatedField[Treaty] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True, required=False
    )
    updates = CommitmentUpdateSerializer(many=True, read_only=True)

    class Meta:
        model = Commitment
        fields = ["id", *COMMITMENT_FIELDS, "updates", "created_at", "updated_at"]
        read_only_fields = ["id", "treaty", "updates", "created_at", "updated_at"]


class CommitmentCreateSerializer(CountryFieldMixin, serializers.ModelSerializer[Commitment]):
    treaty: serializers.SlugRelatedField[Treaty] = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Treaty.objects.all(),
        allow_null=True,
        required=False,
    )

    class Meta:
        model = Commitment
        fields = list(COMMITMENT_FIELDS)


class MembershipSerializer(serializers.ModelSerializer[Membership]):
    partner: serializers.SlugRelatedField[Partner] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    partner_name = serializers.CharField(source="partner.name", read_only=True)

    class Meta:
        model = Membership
        fields = ["partner", "partner_name", "role"]


class MeSerializer(serializers.Serializer[Any]):
    username = serializers.CharField()
    email = serializers.EmailField()
    is_staff = serializers.BooleanField()
    memberships = MembershipSerializer(many=True)


class GeoJSONGeometrySerializer(serializers.Serializer[Any]):
    type = serializers.CharField(default="Point")
    coordinates = serializers.ListField(child=serializers.FloatField(), min_length=2, max_length=2)


class GeoJSONPropertiesSerializer(serializers.Serializer[Any]):
    name = serializers.CharField()
    slug = serializers.CharField()
    url = serializers.CharField()
    kind = serializers.CharField()
    country = serializers.CharField()
    city = serializers.CharField()


class GeoJSONFeatureSerializer(serializers.Serializer[Any]):
    type = serializers.CharField(default="Feature")
    geometry = GeoJSONGeometrySerializer()
    properties = GeoJSONPropertiesSerializer()


class GeoJSONFeatureCollectionSerializer(serializers.Serializer[Any]):
    type = serializers.CharField(default="FeatureCollection")
    features = GeoJSONFeatureSerializer(many=True)
