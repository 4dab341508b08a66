"""The one DRF router of the project. Each app registers its viewsets in `register()`."""

from __future__ import annotations

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from campaigns.api import register as register_campaigns
from partners.api import register as register_partners
from ratification.api import register as register_ratification

router = DefaultRouter()
register_ratification(router)
register_partners(router)
register_campaigns(router)

app_name = "api"
urlpatterns = [
    path("", include(router.urls)),
]
