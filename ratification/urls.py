from __future__ import annotations

from django.urls import path

from ratification.views import imports, public

app_name = "ratification"
urlpatterns = [
    path("treaties/", public.treaty_list, name="treaty-list"),
    path("treaties/<slug:slug>/", public.treaty_detail, name="treaty-detail"),
    path(
        "treaties/<slug:slug>/participants.<str:fmt>",
        public.treaty_participants_download,
        name="treaty-participants-download",
    ),
    # The country page itself is composed in coalition/pages/country.py (it shows the treaties,
    # the partners and the activities based there; ratification imports none of those).
    path("countries/", public.country_list, name="country-list"),
    # staff/ (staff-dashboard) is composed in coalition/pages/staff_dashboard.py.
    path("staff/imports/", imports.import_list, name="import-list"),
    path("staff/imports/new/", imports.import_upload, name="import-upload"),
    path("staff/imports/<int:pk>/", imports.import_detail, name="import-detail"),
]
