"""The partner API: thin adapters over `partners.selectors`, `partners.permissions` and services.

- Reads are public and see only published partners through the public selectors.
- Writes go through `partner_get_for_editor` (the same chokepoint as the HTML member area) and
  the profile services, so validation, history and the geocoding trigger are shared.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from core.permissions import IsStaff
from core.renderers import GeoJSONRenderer
from partners.filters import PartnerFilter
from partners.models import Partner
from partners.permissions import partner_get_for_editor
from partners.selectors.commitments import partner_public_commitments
from partners.selectors.members import memberships_for_user
from partners.selectors.profiles import partner_geojson_collection, partner_list_public
from partners.serializers import (
    STAFF_ONLY_FIELDS,
    CommitmentCreateSerializer,
    CommitmentSerializer,
    GeoJSONFeatureCollectionSerializer,
    MeSerializer,
    PartnerEditorSerializer,
    PartnerPublicSerializer,
)
from partners.services.commitments import commitment_create
from partners.services.profiles import partner_approve, partner_create, partner_update

_PUBLIC_EXAMPLE = {
    "slug": "sin-fronteras",
    "name": "Sin Fronteras",
    "kind": "ngo",
    "description": "Legal aid and advocacy for migrants and refugees.",
    "description_language": "en",
    "description_translation": "Asistencia jurídica e incidencia para personas migrantes y refugiadas.",
    "country": "MX",
    "country_name": "Mexico",
    "city": "Mexico City",
    "state_province": "",
    "contact": {"website": "https://sinfronteras.example.org/", "email": "info@example.org"},
    "location": {"latitude": 19.42847, "longitude": -99.12766},
    "social_links": [],
    "focus_areas": [{"slug": "detention", "name": "Detention", "name_es": "Detención"}],
    "languages": [{"code": "es", "name": "Spanish", "name_es": "Español"}],
    "last_verified_at": "2026-01-15T10:00:00Z",
    "updated_at": "2026-01-15T10:00:00Z",
    "page_url": "/en/partners/sin-fronteras/",
}

_GEOJSON_EXAMPLE = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [-99.12766, 19.42847]},
            "properties": {
                "name": "Sin Fronteras",
                "slug": "sin-fronteras",
                "url": "/en/partners/sin-fronteras/",
                "kind": "ngo",
                "country": "MX",
                "city": "Mexico City",
            },
        }
    ],
}


@extend_schema_view(
    list=extend_schema(
        summary="List published partners",
        description=(
            "Published partners only. Contact details and coordinates honour each partner's "
            "visibility choices: a hidden street address never appears, and `location` is then "
            "the city-level point."
        ),
        examples=[
            OpenApiExample(
                "A page of partners",
                # One item: drf-spectacular wraps it in the paginator's page.
                value=_PUBLIC_EXAMPLE,
                response_only=True,
            )
        ],
    ),
    retrieve=extend_schema(
        summary="One published partner",
        description=(
            "Public. The same fields and the same visibility rules as the list; 404 for a "
            "partner that is not published."
        ),
        examples=[OpenApiExample("A partner", value=_PUBLIC_EXAMPLE, response_only=True)],
    ),
)
class PartnerViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"
    serializer_class = PartnerPublicSerializer
    filterset_class = PartnerFilter
    search_fields = ["name", "description"]
    ordering_fields = ["name", "updated_at", "country"]
    ordering = ["name", "pk"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Partner]:
        # Published only, focus areas and languages prefetched: a page costs the same number of
        # queries whatever its size.
        return partner_list_public()

    def get_permissions(self) -> list[permissions.BasePermission]:
        if self.action in {"create", "approve"}:
            return [IsStaff()]
        if self.action == "partial_update":
            return [permissions.IsAuthenticated()]
        if self.action == "commitments":
            return [permissions.IsAuthenticatedOrReadOnly()]
        return [permissions.AllowAny()]

    def _editable_partner(self, request: Request, slug: str) -> Partner:
        try:
            return partner_get_for_editor(user=request.user, slug=slug)
        except Partner.DoesNotExist:
            raise Http404 from None
        except DjangoPermissionDenied:
            raise PermissionDenied(_("You are not a member of this partner.")) from None

    @extend_schema(
        summary="Update a partner's profile (its members and staff)",
        description=(
            "The partner's members and staff. Changes the fields sent; the slug is fixed at "
            "creation, and only staff may change `is_published`. A changed address is geocoded "
            "again unless the point was set by hand."
        ),
        request=PartnerEditorSerializer,
        responses={200: PartnerEditorSerializer, 400: OpenApiResponse(OpenApiTypes.OBJECT)},
        examples=[
            OpenApiExample(
                "Hide the street address and fix the phone",
                value={"show_address": False, "phone": "+52 55 5555 0000"},
                request_only=True,
            ),
            OpenApiExample(
                "Pin the location by hand (geocoding then never overwrites it)",
                value={"latitude": "19.432600", "longitude": "-99.133200"},
                request_only=True,
            ),
        ],
    )
    def partial_update(self, request: Request, slug: str) -> Response:
        partner = self._editable_partner(request, slug)
        forbidden = sorted(STAFF_ONLY_FIELDS & set(request.data))
        if forbidden and not request.user.is_staff:
            raise PermissionDenied(
                _("Only coalition staff may change: %(fields)s") % {"fields": ", ".join(forbidden)}
            )
        serializer = PartnerEditorSerializer(partner, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        fields = dict(serializer.validated_data)
        fields.pop("slug", None)
        # A service ValidationError becomes a 400 in core.exceptions.api_exception_handler.
        partner = partner_update(partner=partner, user=request.user, **fields)
        return Response(PartnerEditorSerializer(partner).data)

    @extend_schema(
        summary="Create a partner (staff)",
        description=(
            "Staff only. The partner is unpublished unless `is_published` is sent (approve it "
            "to publish it); its address is geocoded unless a point is given."
        ),
        request=PartnerEditorSerializer,
        responses={201: PartnerEditorSerializer},
        examples=[
            OpenApiExample(
                "A new, unpublished partner",
                value={
                    "name": "Sin Fronteras",
                    "country": "MX",
                    "city": "Mexico City",
                    "kind": "ngo",
                    "focus_areas": ["detention"],
                    "languages": ["es"],
                },
                request_only=True,
            )
        ],
    )
    def create(self, request: Request) -> Response:
        serializer = PartnerEditorSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        fields = dict(serializer.validated_data)
        partner = partner_create(
            name=fields.pop("name"),
            country=fields.pop("country"),
            slug=fields.pop("slug", ""),
            focus_areas=fields.pop("focus_areas", None),
            languages=fields.pop("languages", None),
            user=request.user,
            **fields,
        )
        return Response(PartnerEditorSerializer(partner).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Approve and publish a partner (staff)",
        description=(
            "Staff only. The profile becomes public in the directory and counts as verified today."
        ),
        request=None,
        responses={200: PartnerEditorSerializer},
    )
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, slug: str) -> Response:
        try:
            partner = Partner.objects.get(slug=slug)
        except Partner.DoesNotExist:
            raise Http404 from None
        partner = partner_approve(partner=partner, user=request.user)
        return Response(PartnerEditorSerializer(partner).data)

    @extend_schema(
        methods=["GET"],
        summary="A published partner's commitments",
        description="Public. What the partner committed to, each with its dated updates.",
        responses=CommitmentSerializer(many=True),
    )
    @extend_schema(
        methods=["POST"],
        summary="Add a commitment (the partner's members and staff)",
        description=(
            "The partner's members and staff. A commitment may name a treaty and a target "
            "country; it is public once the partner is published."
        ),
        request=CommitmentCreateSerializer,
        responses={201: CommitmentSerializer},
        examples=[
            OpenApiExample(
                "Advocacy commitment",
                value={
                    "kind": "advocacy",
                    "text": "Campaign for ratification of the ICRMW.",
                    "target_country": "US",
                    "treaty": "icrmw",
                    "due_on": "2027-12-31",
                },
                request_only=True,
            )
        ],
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None, filter_backends=[])
    def commitments(self, request: Request, slug: str) -> Response:
        if request.method == "POST":
            partner = self._editable_partner(request, slug)
            serializer = CommitmentCreateSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            commitment = commitment_create(
                partner=partner,
                user=request.user,
                **serializer.validated_data,
            )
            return Response(CommitmentSerializer(commitment).data, status=status.HTTP_201_CREATED)
        partner = self.get_object()
        items = partner_public_commitments(partner=partner)
        return Response(CommitmentSerializer(items, many=True).data)

    @extend_schema(
        summary="Published partners as a GeoJSON FeatureCollection",
        description=(
            "Public points only: the precise point where the partner shows its address, the "
            "city-level point otherwise; partners without a point are left out. Accepts the "
            "list filters (e.g. `?country=MX`, `?bbox=`), not paginated."
        ),
        responses={200: GeoJSONFeatureCollectionSerializer},
        examples=[OpenApiExample("Map layer", value=_GEOJSON_EXAMPLE, response_only=True)],
    )
    @action(
        detail=False,
        methods=["get"],
        pagination_class=None,
        renderer_classes=[GeoJSONRenderer, JSONRenderer],
    )
    def geojson(self, request: Request) -> Response:
        partners = self.filter_queryset(self.get_queryset())
        # application/geo+json by default, plain JSON on request (see renderer_classes).
        return Response(partner_geojson_collection(partners))


class MeViewSet(viewsets.ViewSet):
    """The signed-in user and the partners they may edit."""

    permission_classes = [permissions.IsAuthenticated]
    single_object_list = True  # OpenAPI: `list` here returns one object (coalition.openapi)

    @extend_schema(
        summary="Who am I, and which partners can I edit?",
        responses=MeSerializer,
        examples=[
            OpenApiExample(
                "A partner editor",
                value={
                    "username": "ana",
                    "email": "ana@example.org",
                    "is_staff": False,
                    "memberships": [
                        {
                            "partner": "sin-fronteras",
                            "partner_name": "Sin Fronteras",
                            "role": "editor",
                        }
                    ],
                },
                response_only=True,
            )
        ],
    )
    def list(self, request: Request) -> Response:
        user = request.user
        data = {
            "username": user.get_username(),
            "email": getattr(user, "email", ""),
            "is_staff": bool(user.is_staff),
            "memberships": memberships_for_user(user=user),
        }
        return Response(MeSerializer(data).data)


def register(router: BaseRouter) -> None:
    """Register the partner viewsets on the project's router."""
    router.register("partners", PartnerViewSet, basename="partner")
    router.register("me", MeViewSet, basename="me")


__all__ = ["MeViewSet", "PartnerViewSet", "register"]
