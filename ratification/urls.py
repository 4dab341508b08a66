from __future__ import annotations

from django.urls import path

from ratification import views

app_name = "ratification"
urlpatterns = [
    path("treaties/", views.treaty_list, name="treaty-list"),
    path("treaties/<slug:slug>/", views.treaty_detail, name="treaty-detail"),
    path("staff/", views.staff_dashboard, name="staff-dashboard"),
]
