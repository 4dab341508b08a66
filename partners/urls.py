from __future__ import annotations

from django.urls import path

from partners.views import csv_io, downloads, member, public, staff

app_name = "partners"
urlpatterns = [
    path("partners.csv", downloads.directory_csv, name="directory-csv"),
    path("partners.geojson", downloads.directory_geojson, name="directory-geojson"),
    # Fixed paths before `<slug>`; "join" is a reserved slug for that reason. The profile page
    # itself, `partners/<slug>/` (partner-detail), also shows the partner's campaigns, so it is
    # composed in coalition/pages/partner_profile.py and added after these by coalition/urls.py;
    # the directory, `partners/` (partner-list), shows a map, so it is composed there too.
    path("partners/join/", public.partner_join, name="partner-join"),
    path("partners/requests/thanks/", public.request_thanks, name="request-thanks"),
    path("partners/<slug:slug>/claim/", public.partner_claim, name="partner-claim"),
    path("partners/<slug:slug>/verify/<str:token>/", public.partner_verify, name="partner-verify"),
    path("invitations/<str:token>/", public.invitation_accept, name="invitation-accept"),
    path("member/", member.member_home, name="member-home"),
    path("member/tokens/", member.member_tokens, name="member-tokens"),
    path("member/partners/<slug:slug>/edit/", member.partner_edit, name="partner-edit"),
    path("member/partners/<slug:slug>/history/", member.partner_history, name="partner-history"),
    path(
        "member/partners/<slug:slug>/commitments/",
        member.commitment_list,
        name="commitment-list",
    ),
    path(
        "member/partners/<slug:slug>/commitments/<int:pk>/",
        member.commitment_edit,
        name="commitment-edit",
    ),
    path("member/partners/<slug:slug>/members/", member.membership_list, name="membership-list"),
    path(
        "member/partners/<slug:slug>/members/<int:pk>/remove/",
        member.membership_remove,
        name="membership-remove",
    ),
    path(
        "member/partners/<slug:slug>/invitations/<int:pk>/revoke/",
        member.invitation_revoke,
        name="invitation-revoke",
    ),
    path("staff/partners/requests/", staff.moderation_queue, name="moderation-queue"),
    path(
        "staff/partners/requests/<int:pk>/",
        staff.join_request_decide,
        name="join-request-decide",
    ),
    path("staff/partners/import/", csv_io.csv_import, name="csv-import"),
    path(
        "staff/partners/import/jobs/<uuid:pk>/",
        csv_io.csv_import_job,
        name="csv-import-job",
    ),
    path("staff/partners/export.csv", csv_io.csv_export, name="csv-export"),
]
