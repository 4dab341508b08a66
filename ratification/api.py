"""REST API of the ratification app: thin adapters over selectors and services."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
)
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from core.patterns import DATE_FROM_1900, ISO2_PATTERN, SLUG_PATTERN
from core.permissions import IsStaffOrReadOnly
from ratification.filters import ParticipantFilterForm, TreatyActionFilter
from ratification.models import Treaty, TreatyAction
from ratification.names import M49_REGIONS
from ratification.selectors.countries import region_choices
from ratification.selectors.treaties import (
    country_overview,
    treaty_get,
    treaty_participants,
    treaty_summaries,
    treaty_summary,
)
from ratification.serializers import (
    CountryOverviewSerializer,
    ParticipantListSerializer,
    TreatyActionSerializer,
    TreatySerializer,
)
from ratification.services.actions import (
    treaty_action_create,
    treaty_action_delete,
    treaty_action_update,
)

SLUG_PARAM = OpenApiParameter(
    "slug",
    OpenApiTypes.STR,
    OpenApiParameter.PATH,
    description="e.g. icrmw",
    pattern=SLUG_PATTERN,
)
PARTICIPANT_PARAMS = [
    OpenApiParameter(
        "status",
        OpenApiTypes.STR,
        enum=["party", "signatory"],
        description="Only parties, or only signatories that are not parties.",
    ),
    OpenApiParameter(
        "region",
        OpenApiTypes.STR,
        enum=M49_REGIONS,
        description="UN M49 region: Africa, Americas, Asia, Europe or Oceania.",
        examples=[OpenApiExample("Americas", value="Americas")],
    ),
    OpenApiParameter(
        "as_of",
        OpenApiTypes.DATE,
        pattern=DATE_FROM_1900,
        description=(
            "Status at a past date (YYYY-MM-DD, 1900 or later); default: the latest import."
        ),
        examples=[OpenApiExample("1 March 2004", value="2004-03-01")],
    ),
]


@extend_schema_view(
    list=extend_schema(
        summary="Every treaty with its numbers of parties and signatories",
        description=(
            "Public. The treaties the tracker follows (the UN Treaty Collection's, and ILO "
            "conventions entered by staff), each with its counts of parties and signatories. "
            "Not paginated."
        ),
    ),
    retrieve=extend_schema(
        summary="One treaty with its counts",
        description="Public. The treaty named by its slug, with the same counts as the list.",
        parameters=[SLUG_PARAM],
    ),
)
class TreatyViewSet(viewsets.GenericViewSet):
    serializer_class = TreatySerializer
    lookup_field = "slug"
    filter_backends: list[Any] = []
    pagination_class = None  # a few dozen treaties at most

    def get_queryset(self) -> QuerySet[Treaty]:
        return Treaty.objects.select_related("parent")

    def _treaty(self, slug: str) -> Treaty:
        # Treaty.DoesNotExist becomes a 404 in core.exceptions.api_exception_handler.
        return treaty_get(slug=slug)

    def list(self, request: Request) -> Response:
        return Response(TreatySerializer(treaty_summaries(), many=True).data)

    def retrieve(self, request: Request, slug: str) -> Response:
        return Response(TreatySerializer(treaty_summary(treaty=self._treaty(slug))).data)

    @extend_schema(
        summary="The participants of a treaty, with status derived at a date",
        description=(
            "Public. Every state that signed or became a party, with its dates, the kind of "
            "consent (ratification, accession, succession) and its declarations. The status is "
            "derived from the recorded actions at `as_of`; the totals count the whole treaty, "
            "`count` the rows that match the filters."
        ),
        parameters=[SLUG_PARAM, *PARTICIPANT_PARAMS],
        responses={200: ParticipantListSerializer},
        examples=[
            OpenApiExample(
                "ICRMW parties in the Americas",
                response_only=True,
                value={
                    "treaty": "icrmw",
                    "as_of": "2026-02-03",
                    "parties": 60,
                    "signatories": 11,
                    "signatories_total": 40,
                    "count": 1,
                    "results": [
                        {
                            "iso2": "MX",
                            "country": "Mexico",
                            "region": "Americas",
                            "status": "party",
                            "signature_date": "1991-05-22",
                            "signature_kind": "signature",
                            "consent_date": "1999-03-08",
                            "consent_kind": "ratification",
                            "entry_into_force": "2003-07-01",
                            "declarations": [{"article": "77", "date": "2008-09-15"}],
                        }
                    ],
                },
            )
        ],
    )
    @action(detail=True, methods=["get"], url_path="participants")
    def participants(self, request: Request, slug: str) -> Response:
        treaty = self._treaty(slug)
        form = ParticipantFilterForm(
            data=request.query_params, regions=[(r, r) for r in region_choices()]
        )
        if not form.is_valid():
            raise serializers.ValidationError(
                {name: [str(m) for m in msgs] for name, msgs in form.errors.items()}
            )
        data = treaty_participants(
            treaty=treaty,
            on=form.cleaned_data["as_of"],
            region=form.cleaned_data["region"],
            status=form.cleaned_data["status"],
            sort=form.cleaned_data["sort"] or "country",
        )
        return Response(ParticipantListSerializer(data).data)


class CountryViewSet(viewsets.ViewSet):
    lookup_field = "iso2"
    lookup_value_regex = "[A-Za-z]{2}"

    @extend_schema(
        summary="Every treaty's status and dates for one country",
        description=(
            "Public. For each treaty: party, signatory, no action, or not applicable (a "
            "territory), with the signature and consent dates. 404 for a code that names no "
            "country or territory."
        ),
        parameters=[
            OpenApiParameter(
                "iso2",
                OpenApiTypes.STR,
                OpenApiParameter.PATH,
                description="ISO 3166-1 alpha-2 code, any case (e.g. mx).",
                pattern=ISO2_PATTERN,
            )
        ],
        responses={200: CountryOverviewSerializer},
    )
    def retrieve(self, request: Request, iso2: str) -> Response:
        overview = country_overview(iso2=iso2)
        if overview is None:
            raise Http404
        return Response(CountryOverviewSerializer(overview).data)


@extend_schema_view(
    list=extend_schema(
        summary="Treaty actions (public)",
        description=(
            "Public. Signatures, ratifications, accessions, declarations and the other recorded "
            "actions, newest first; filter by treaty, country or kind, search their text."
        ),
    ),
    retrieve=extend_schema(
        summary="One treaty action (public)",
        description="Public. One recorded action, by its id.",
    ),
    create=extend_schema(
        summary="Record a treaty action (staff)",
        description=(
            "Staff only. The action is recorded with its source and who recorded it; the "
            "treaty's counts and its participants' status follow from it."
        ),
        examples=[
            OpenApiExample(
                "A ratification",
                request_only=True,
                value={
                    "treaty": "icrmw",
                    "country": "MX",
                    "kind": "ratification",
                    "date": "1999-03-08",
                    "article": "",
                    "text": "",
                    "source_url": "https://treaties.un.org/",
                    "source_as_of": "2026-02-03",
                },
            )
        ],
    ),
    update=extend_schema(
        summary="Correct a treaty action (staff)",
        description="Staff only. Replaces every field; the previous version stays in its history.",
    ),
    partial_update=extend_schema(
        summary="Correct part of a treaty action (staff)",
        description=(
            "Staff only. Changes the fields sent; the previous version stays in its history."
        ),
    ),
    destroy=extend_schema(
        summary="Delete a treaty action (staff); its history is kept",
        description=(
            "Staff only. The action no longer counts towards the treaty's status; its history "
            "records who deleted it."
        ),
    ),
)
class TreatyActionViewSet(viewsets.ModelViewSet):
    serializer_class = TreatyActionSerializer
    permission_classes = [IsStaffOrReadOnly]
    filterset_class = TreatyActionFilter
    ordering_fields = ["date", "country", "kind"]
    search_fields = ["text"]

    def get_queryset(self) -> QuerySet[TreatyAction]:
        return TreatyAction.objects.select_related("treaty").order_by("-date", "-id")

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = treaty_action_create(
            **serializer.validated_data, by=self.request.user
        )

    def perform_update(self, serializer: Any) -> None:
        serializer.instance = treaty_action_update(
            action=serializer.instance, data=serializer.validated_data, by=self.request.user
        )

    def perform_destroy(self, instance: TreatyAction) -> None:
        treaty_action_delete(action=instance, by=self.request.user)


def register(router: BaseRouter) -> None:
    """Register the ratification viewsets on the project's router."""
    router.register("treaties", TreatyViewSet, basename="treaty")
    router.register("countries", CountryViewSet, basename="country")
    router.register("actions", TreatyActionViewSet, basename="treatyaction")
