"""Django admin for partners: thin, every action calls a service."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from coalition.mail import request_base_url
from partners.models import (
    Commitment,
    CommitmentUpdate,
    FocusArea,
    Invitation,
    JoinRequest,
    Language,
    Membership,
    Partner,
)
from partners.services.members import invitation_revoke
from partners.services.moderation import join_request_approve, join_request_reject
from partners.services.profiles import (
    LOCATION_FIELDS,
    partner_approve,
    partner_request_geocode,
    partner_set_published,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


class CommitmentInline(admin.StackedInline):
    model = Commitment
    extra = 0
    fields = ["kind", "text", "target_country", "treaty", "due_on", "status"]


@admin.register(Partner)
class PartnerAdmin(SimpleHistoryAdmin):
    list_display = [
        "name",
        "kind",
        "country",
        "city",
        "is_published",
        "approved_at",
        "last_verified_at",
        "geocode_status",
        "is_demo",
    ]
    list_filter = [
        "is_published",
        "kind",
        "geocode_status",
        "location_source",
        "is_demo",
        "country",
    ]
    search_fields = ["name", "description", "city", "email"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["focus_areas", "languages"]
    readonly_fields = [
        "geocode_status",
        "geocode_error",
        "geocode_attempts",
        "geocoded_at",
        "verification_reminded_at",
        "created_at",
        "updated_at",
    ]
    inlines = [MembershipInline, CommitmentInline]
    actions = ["approve", "publish", "unpublish"]

    def save_model(self, request: HttpRequest, obj: Partner, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        # The admin writes the row itself, so apply the member form's rule here too: a new or
        # moved partner is geocoded after commit, unless its location was set by hand.
        if not change or LOCATION_FIELDS & set(form.changed_data):
            partner_request_geocode(partner=obj)

    @admin.action(description=_("Approve and publish the selected partners"))
    def approve(self, request: HttpRequest, queryset: QuerySet[Partner]) -> None:
        for partner in queryset:
            partner_approve(partner=partner, user=request.user)
        self.message_user(request, _("Approved."), messages.SUCCESS)

    @admin.action(description=_("Publish the selected partners"))
    def publish(self, request: HttpRequest, queryset: QuerySet[Partner]) -> None:
        for partner in queryset:
            partner_set_published(partner=partner, published=True, user=request.user)

    @admin.action(description=_("Unpublish the selected partners"))
    def unpublish(self, request: HttpRequest, queryset: QuerySet[Partner]) -> None:
        for partner in queryset:
            partner_set_published(partner=partner, published=False, user=request.user)


@admin.register(FocusArea)
class FocusAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "name_es", "slug"]
    search_fields = ["name", "name_es"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Language)
class LanguageAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "name_es"]
    search_fields = ["code", "name", "name_es"]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "partner", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__email", "partner__name"]
    autocomplete_fields = ["user", "partner"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Staff invite from the partner's members page (it sends the e-mail); here they can see
    and revoke invitations."""

    list_display = [
        "email",
        "partner",
        "role",
        "created_at",
        "expires_at",
        "accepted_at",
        "revoked_at",
    ]
    list_filter = ["role"]
    search_fields = ["email", "partner__name"]
    readonly_fields = [
        "token",
        "created_at",
        "accepted_at",
        "accepted_by",
        "revoked_at",
        "invited_by",
    ]
    actions = ["revoke"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description=_("Revoke the selected invitations"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[Invitation]) -> None:
        for invitation in queryset:
            invitation_revoke(invitation=invitation)


class CommitmentUpdateInline(admin.TabularInline):
    model = CommitmentUpdate
    extra = 0


@admin.register(Commitment)
class CommitmentAdmin(SimpleHistoryAdmin):
    list_display = ["partner", "kind", "status", "target_country", "due_on"]
    list_filter = ["status", "kind"]
    search_fields = ["partner__name", "text"]
    autocomplete_fields = ["partner"]
    inlines = [CommitmentUpdateInline]


@admin.register(JoinRequest)
class JoinRequestAdmin(admin.ModelAdmin):
    list_display = ["organisation_name", "kind", "country", "contact_email", "status", "created_at"]
    list_filter = ["status", "kind"]
    search_fields = ["organisation_name", "contact_name", "contact_email"]
    readonly_fields = ["reviewed_by", "reviewed_at", "created_at"]
    actions = ["approve", "reject"]

    @admin.action(description=_("Approve the selected requests (invites the applicant)"))
    def approve(self, request: HttpRequest, queryset: QuerySet[JoinRequest]) -> None:
        for join_request in queryset.filter(status=JoinRequest.Status.PENDING):
            join_request_approve(
                join_request=join_request, user=request.user, base_url=request_base_url(request)
            )

    @admin.action(description=_("Reject the selected requests"))
    def reject(self, request: HttpRequest, queryset: QuerySet[JoinRequest]) -> None:
        for join_request in queryset.filter(status=JoinRequest.Status.PENDING):
            join_request_reject(join_request=join_request, user=request.user)
