"""The campaigns API: thin adapters over `campaigns.selectors` and the services.

Reads are public and show signers only through `pledge_public_list` (no e-mail, display choice
applied). Signing returns 202 with the same body whether the address is new or had signed:
the API must not reveal whether someone signed.

Services' refusals (`ValidationError`, `PermissionDenied`, `DoesNotExist`) are not caught here:
the project's one exception handler (`core.exceptions`) turns them into 400, 403 and 404.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotAuthenticated, Throttled, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter
from rest_framework.throttling import BaseThrottle

from campaigns import selectors
from campaigns.filters import CampaignFilter
from campaigns.models import Campaign
from campaigns.serializers import (
    ActivityCreatedSerializer,
    ActivityCreateSerializer,
    ActivitySerializer,
    CampaignDetailSerializer,
    CampaignSerializer,
    PledgeAcceptedSerializer,
    PledgeCreateSerializer,
    PublicSignerSerializer,
)
from campaigns.services.activities import ACTIVITY_THROTTLE_SCOPE, activity_create
from campaigns.services.pledges import PledgeThrottled, pledge_create
from core.http import client_address
from core.mail import request_base_url
from core.throttles import AnonThrottle, ScopedThrottle, UserThrottle
from partners.selectors import partner_find

_ERRORS = {
    400: OpenApiResponse(description="Invalid input: field names map to lists of messages."),
    403: OpenApiResponse(description="Not allowed (e.g. not a member of that partner)."),
    404: OpenApiResponse(description="No published campaign with this slug."),
    429: OpenApiResponse(description="Too many submissions from this client address."),
}


@extend_schema_view(
    list=extend_schema(
        summary="Published campaigns with their confirmed signature counts",
        description=(
            "Public. Only published campaigns; only confirmed signatures count. Filter by "
            "`kind` (in any case)."
        ),
    ),
    retrieve=extend_schema(
        summary="One campaign with counts, messages and materials",
        description=(
            "Public. A published campaign with its signature counts, its share messages and "
            "its materials."
        ),
        responses={200: CampaignDetailSerializer, 404: _ERRORS[404]},
    ),
)
class CampaignViewSet(viewsets.ReadOnlyModelViewSet):
    lookup_field = "slug"
    serializer_class = CampaignSerializer
    permission_classes = [permissions.AllowAny]  # see get_permissions
    # The page's filter (?kind= in any case); it applies to the list only.
    filter_backends: list[Any] = [DjangoFilterBackend]
    filterset_class = CampaignFilter
    throttle_scope: str | None = None

    def get_queryset(self) -> QuerySet[Campaign]:
        return selectors.campaign_list_public().select_related("treaty")

    def filter_queryset(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        # Only the list is filtered: a campaign's own URL, its pledges and its activities
        # answer whatever query string comes with them.
        if self.action != "list":
            return queryset
        return super().filter_queryset(queryset)

    def get_permissions(self) -> list[permissions.BasePermission]:
        if self.action == "activities" and self.request.method == "POST":
            # Members only: stated as a permission (not only refused in the view) so the
            # OpenAPI schema does not offer the proposal to anonymous clients.
            return [permissions.IsAuthenticated()]
        return [permissions.AllowAny()]

    def get_throttles(self) -> list[BaseThrottle]:
        throttles: list[BaseThrottle] = [AnonThrottle(), UserThrottle()]
        if self.request.method == "POST":
            # A tighter per-address budget for writes, on top of the general one.
            self.throttle_scope = "pledges" if self.action == "pledges" else ACTIVITY_THROTTLE_SCOPE
            throttles.append(ScopedThrottle())
        return throttles

    def _campaign(self) -> Campaign:
        # Campaign.DoesNotExist: a 404 from the API's one exception handler (core.exceptions).
        return selectors.campaign_get_public(slug=self.kwargs["slug"])

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        campaign = self.get_object()
        campaign_with_related = selectors.campaign_get_with_content(pk=campaign.pk)
        campaign_with_related.signature_count = campaign.signature_count  # type: ignore[attr-defined]
        serializer = CampaignDetailSerializer(
            campaign_with_related,
            context={
                **self.get_serializer_context(),
                "counts": selectors.campaign_counts(campaign=campaign),
            },
        )
        return Response(serializer.data)

    @extend_schema(
        methods=["GET"],
        summary="Public list of confirmed signers, as each chose to appear (never an e-mail)",
        description=(
            "Public. Confirmed signatures only, each shown as its signer chose (full name, "
            "initials or country only; hidden signers are only counted); an e-mail address is "
            "never shown."
        ),
        responses={200: PublicSignerSerializer(many=True), 404: _ERRORS[404]},
    )
    @extend_schema(
        methods=["POST"],
        summary="Sign: creates an unconfirmed pledge and e-mails a confirmation link",
        description=(
            "Public: anyone may sign. The signature counts once confirmed through the link "
            "e-mailed to the address given. The answer is the same 202 whether the address is "
            "new or had already signed, so it never tells who signed. Throttled per client "
            "address."
        ),
        request=PledgeCreateSerializer,
        responses={202: PledgeAcceptedSerializer, **_ERRORS},
    )
    @action(detail=True, methods=["get", "post"])
    def pledges(self, request: Request, slug: str) -> Response:
        campaign = self._campaign()
        if request.method in ("GET", "HEAD"):
            page = self.paginate_queryset(selectors.pledge_public_values(campaign=campaign))
            rows = selectors.pledge_public_rows(pledges=list(page or []))
            return self.get_paginated_response(PublicSignerSerializer(rows, many=True).data)
        serializer = PledgeCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        partner = None
        if data.get("partner"):
            partner = partner_find(slug=data["partner"])
            if partner is None:
                raise ValidationError({"partner": [_("No partner with this slug.")]})
        try:
            pledge_create(
                campaign=campaign,
                kind=data["kind"],
                name=data["name"],
                email=data["email"],
                country=str(data["country"]),
                city=data.get("city", ""),
                organisation_name=data.get("organisation_name", ""),
                display=data["display"],
                language=data["language"],
                client_address=client_address(request._request),
                honeypot=data.get("website", ""),
                user=request.user,
                partner=partner,
                base_url=request_base_url(request._request),
            )
        except PledgeThrottled as exc:
            raise Throttled(wait=3600) from exc
        body = {
            "status": "pending_confirmation",
            "detail": _(
                "We have sent an e-mail to this address. The signature counts once it is "
                "confirmed through the link in that e-mail."
            ),
        }
        return Response(body, status=status.HTTP_202_ACCEPTED)

    @extend_schema(
        methods=["GET"],
        summary="Approved activities of a day of action, in date order",
        description=(
            "Public. Activities that staff approved, each with its partner, place and start "
            "time; a street address only where the organiser chose to show it."
        ),
        responses={200: ActivitySerializer(many=True), 404: _ERRORS[404]},
    )
    @extend_schema(
        methods=["POST"],
        summary="Propose an activity for one of your partners (members; reviewed by staff)",
        description=(
            "Members of the partner named, signed in. The start time is read in the time zone "
            "given; the activity is pending until staff approve it. Only on days of action."
        ),
        request=ActivityCreateSerializer,
        responses={
            201: ActivityCreatedSerializer,
            401: OpenApiResponse(description="Authentication required."),
            **_ERRORS,
        },
    )
    @action(detail=True, methods=["get", "post"])
    def activities(self, request: Request, slug: str) -> Response:
        campaign = self._campaign()
        if request.method in ("GET", "HEAD"):
            queryset = selectors.activity_public_queryset(campaign=campaign)
            page = self.paginate_queryset(queryset)
            return self.get_paginated_response(ActivitySerializer(page, many=True).data)
        if not request.user.is_authenticated:
            raise NotAuthenticated
        serializer = ActivityCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        partner = partner_find(slug=data["partner"])
        if partner is None:
            raise ValidationError({"partner": [_("No partner with this slug.")]})
        activity = activity_create(
            campaign=campaign,
            partner=partner,
            user=request.user,
            title=data["title"],
            starts_at=data["starts_at"],
            ends_at=data.get("ends_at"),
            timezone_name=data["timezone"],
            city=data["city"],
            country=str(data["country"]),
            language=data["language"],
            description=data.get("description", ""),
            online_url=data.get("online_url", ""),
            show_address=data.get("show_address", False),
            address=data.get("address", ""),
        )
        return Response(
            {"id": activity.pk, "status": activity.status}, status=status.HTTP_201_CREATED
        )


def register(router: BaseRouter) -> None:
    router.register("campaigns", CampaignViewSet, basename="campaign")
