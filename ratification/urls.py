from __future__ import annotations

from django.urls import path

from ratification.views import imports, public, staff

app_name = "ratification"
urlpatterns = [
    path("treaties/", public.treaty_list, name="treaty-list"),
    path("treaties/<slug:slug>/", public.treaty_detail, name="treaty-detail"),
    path(
        "treaties/<slug:slug>/participants.<str:fmt>",
        public.treaty_participants_download,
        name="treaty-participants-download",
    ),
    path("staff/", staff.dashboard, name="staff-dashboard"),
    path("staff/imports/", imports.import_list, name="import-list"),
    path("staff/imports/new/", imports.import_upload, name="import-upload"),
    path("staff/imports/<int:pk>/", imports.import_detail, name="import-detail"),
]
