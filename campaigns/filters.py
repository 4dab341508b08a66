"""The campaign list filter, shared by the campaigns page and the API."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign
from core.filtering import CaseInsensitiveChoiceFilter


class CampaignFilter(django_filters.FilterSet):
    kind = CaseInsensitiveChoiceFilter(
        choices=Campaign.Kind.choices,
        label=_("Kind"),
        empty_label=_("All kinds"),
    )

    class Meta:
        model = Campaign
        fields = ["kind"]
