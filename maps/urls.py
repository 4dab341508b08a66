from __future__ import annotations

from django.urls import path

from maps import views

app_name = "maps"
urlpatterns = [
    path("map/", views.map_page, name="map"),
    path("map/embed/", views.map_embed, name="map-embed"),
    # countries/<iso2>/ (country-detail) is composed in coalition/pages/country.py.
    path("countries/<str:iso2>/card/", views.country_card, name="country-card"),
]
