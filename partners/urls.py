from __future__ import annotations

from django.urls import path

from partners import views

app_name = "partners"
urlpatterns = [
    path("partners/", views.partner_list, name="partner-list"),
    path("member/", views.member_home, name="member-home"),
]
