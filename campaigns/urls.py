from __future__ import annotations

from django.urls import path

from campaigns.views import member, public, staff, widget

app_name = "campaigns"
urlpatterns = [
    path("campaigns/", public.campaign_list, name="campaign-list"),
    # Fixed paths before `<slug>`: "confirm" and "withdraw" are reserved slugs for that reason.
    path("campaigns/confirm/<str:token>/", public.confirm, name="pledge-confirm"),
    path("campaigns/withdraw/<str:token>/", public.withdraw, name="pledge-withdraw"),
    path("campaigns/<slug:slug>/", public.campaign_detail, name="campaign-detail"),
    path("campaigns/<slug:slug>/sign/", public.campaign_sign, name="campaign-sign"),
    path("campaigns/<slug:slug>/signed/", public.sign_done, name="sign-done"),
    path("campaigns/<slug:slug>/widget/", widget.widget, name="widget"),
    path("campaigns/<slug:slug>/widget/sign/", widget.widget_sign, name="widget-sign"),
    path("campaigns/<slug:slug>/widget/signed/", widget.widget_signed, name="widget-signed"),
    path("campaigns/<slug:slug>/activities.ics", public.activities_ics, name="activities-ics"),
    path("campaigns/<slug:slug>/signers.csv", public.signers_csv, name="signers-csv"),
    path("campaigns/<slug:slug>/activities/new/", member.activity_new, name="activity-new"),
    path("staff/campaigns/", staff.campaign_overview, name="staff-overview"),
    path("staff/campaigns/<slug:slug>/pledges.csv", staff.pledge_export, name="pledge-export"),
    path("staff/campaigns/<slug:slug>/edit/", staff.campaign_edit, name="staff-campaign-edit"),
    path("staff/campaigns/<slug:slug>/state/", staff.campaign_state, name="staff-campaign-state"),
    path("staff/campaigns/<slug:slug>/materials/", staff.material_new, name="staff-material-new"),
    path("staff/campaigns/activities/<int:pk>/", staff.activity_decide, name="activity-decide"),
]
