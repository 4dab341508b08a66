"""Django admin for partners: thin, every action calls a service."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from core.admin import ReadOnlyAdminMixin, ServiceAdminMixin
from core.mail import request_base_url
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
from partners.services.commitments import (
    COMMITMENT_FIELDS,
    COMMITMENT_UPDATE_FIELDS,
    commitment_add_update,
    commitment_create,
    commitment_delete,
    commitment_update,
)
from partners.services.members import (
    invitation_revoke,
    membership_create,
    membership_remove,
    membership_set_role,
)
from partners.services.moderation import (
    JOIN_REQUEST_FIELDS,
    join_request_approve,
    join_request_reject,
)
from partners.services.profiles import (
    EDITABLE_FIELDS,
    M2M_FIELDS,
    partner_approve,
    partner_create,
    partner_delete,
    partner_set_published,
    partner_update,
)
from partners.services.vocabularies import vocabulary_entry_delete, vocabulary_entry_save


class _ReadOnlyInline(ReadOnlyAdminMixin, admin.TabularInline):
    """Shown for context; rows are added and removed through the services (the members page,
    the commitment's own admin page) so their rules hold."""

    extra = 0
    can_delete = False
    show_change_link = True


class MembershipInline(_ReadOnlyInline):
    model = Membership
    fields = readonly_fields = ("user", "role", "created_at")


class CommitmentInline(_ReadOnlyInline):
    model = Commitment
    fields = readonly_fields = COMMITMENT_FIELDS


@admin.register(Partner)
class PartnerAdmin(ServiceAdminMixin, SimpleHistoryAdmin):
    """Every save goes through `partner_create` / `partner_update` / `partner_set_published`,
    so the admin applies the same validation, geocoding and history rules as the member form."""

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
        "location_source",
        "city_latitude",
        "city_longitude",
        "geocode_status",
        "geocode_error",
        "geocode_attempts",
        "geocoded_at",
        "approved_at",
        "verification_reminded_at",
        "created_at",
        "updated_at",
    ]
    inlines = [MembershipInline, CommitmentInline]
    actions = ["approve", "publish", "unpublish"]

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        form = super().get_form(request, obj, change=change, **kwargs)
        if "description_language" in form.base_fields:
            # Left out of a post, the description keeps its language (see save_model).
            form.base_fields["description_language"].required = False
        return form

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # The slug is the public URL: set once at creation, never changed by a form.
        readonly = list(super().get_readonly_fields(request, obj))
        return [*readonly, "slug"] if obj is not None else readonly

    def get_prepopulated_fields(self, request: HttpRequest, obj: Any = None) -> dict[str, Any]:
        return {} if obj is not None else dict(super().get_prepopulated_fields(request, obj))

    def save_model(self, request: HttpRequest, obj: Partner, form: Any, change: bool) -> None:
        data = {
            name: value
            for name, value in form.cleaned_data.items()
            if name in EDITABLE_FIELDS | M2M_FIELDS
        }
        published = data.pop("is_published", None)
        if not data.get("description_language"):
            data.pop("description_language", None)
        if change:
            # `obj` already carries the form's values; the service compares against the row.
            current = Partner.objects.get(pk=obj.pk)
            changed = {name: data[name] for name in form.changed_data if name in data}
            partner = partner_update(partner=current, user=request.user, **changed)
        else:
            partner = partner_create(
                name=data.pop("name"),
                country=str(data.pop("country")),
                slug=form.cleaned_data.get("slug", ""),
                user=request.user,
                **data,
            )
        if published is not None:
            partner_set_published(partner=partner, published=published, user=request.user)
        obj.pk = partner.pk
        obj.refresh_from_db()

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        # Focus areas and languages were saved by the service; the inlines are read-only, so
        # there is nothing to save, only the admin's change-message bookkeeping to satisfy.
        for formset in formsets:
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []

    def delete_model(self, request: HttpRequest, obj: Partner) -> None:
        partner_delete(partner=obj, user=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Partner]) -> None:
        for partner in queryset:
            partner_delete(partner=partner, user=request.user)

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


class VocabularyAdmin(ServiceAdminMixin, admin.ModelAdmin):
    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        vocabulary_entry_save(entry=obj)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        vocabulary_entry_delete(entry=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for entry in queryset:
            vocabulary_entry_delete(entry=entry)


@admin.register(FocusArea)
class FocusAreaAdmin(VocabularyAdmin):
    list_display = ["name", "name_es", "slug"]
    search_fields = ["name", "name_es"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Language)
class LanguageAdmin(VocabularyAdmin):
    list_display = ["code", "name", "name_es"]
    search_fields = ["code", "name", "name_es"]


@admin.register(Membership)
class MembershipAdmin(ServiceAdminMixin, SimpleHistoryAdmin):
    """Through the member services, so a partner never loses its last admin."""

    list_display = ["user", "partner", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__email", "partner__name"]
    autocomplete_fields = ["user", "partner"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # Moving a membership to another person or partner is a removal plus an invitation.
        return ["user", "partner"] if obj is not None else []

    def save_model(self, request: HttpRequest, obj: Membership, form: Any, change: bool) -> None:
        if change:
            current = Membership.objects.get(pk=obj.pk)
            membership_set_role(membership=current, role=obj.role)
        else:
            obj.pk = membership_create(partner=obj.partner, user=obj.user, role=obj.role).pk

    def delete_model(self, request: HttpRequest, obj: Membership) -> None:
        membership_remove(membership=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Membership]) -> None:
        for membership in queryset:
            membership_remove(membership=membership)


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Staff invite from the partner's members page (it sends the e-mail); here they can see
    and revoke invitations. An invitation is a sent link: created by invitation_create, ended by
    the revoke action, never edited or deleted behind the service's back."""

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

    @admin.action(description=_("Revoke the selected invitations"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[Invitation]) -> None:
        for invitation in queryset:
            invitation_revoke(invitation=invitation)


class CommitmentUpdateInline(admin.TabularInline):
    """Dated progress notes: new ones can be added (the commitment takes their status, as
    `commitment_add_update` rules); recorded ones are history and stay as they are."""

    model = CommitmentUpdate
    extra = 0
    fields = list(COMMITMENT_UPDATE_FIELDS)
    can_delete = False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Commitment)
class CommitmentAdmin(ServiceAdminMixin, SimpleHistoryAdmin):
    list_display = ["partner", "kind", "status", "target_country", "due_on"]
    list_filter = ["status", "kind"]
    search_fields = ["partner__name", "text"]
    autocomplete_fields = ["partner"]
    fields = ["partner", *COMMITMENT_FIELDS]
    inlines = [CommitmentUpdateInline]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ["partner"] if obj is not None else []

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        form = super().get_form(request, obj, change=change, **kwargs)
        if "text_language" in form.base_fields:
            form.base_fields["text_language"].required = False
        return form

    def save_model(self, request: HttpRequest, obj: Commitment, form: Any, change: bool) -> None:
        data = {name: form.cleaned_data[name] for name in COMMITMENT_FIELDS}
        if not data.get("text_language"):
            data.pop("text_language", None)  # left out of a post: keep (or default) it
        if change:
            current = Commitment.objects.get(pk=obj.pk)
            changed = {name: data[name] for name in form.changed_data if name in data}
            commitment = commitment_update(commitment=current, **changed)
        else:
            commitment = commitment_create(partner=obj.partner, user=request.user, **data)
        obj.pk = commitment.pk
        obj.refresh_from_db()

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        commitment = form.instance
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for update_form in formset.extra_forms:
            if update_form.has_changed():
                fields = {name: update_form.cleaned_data[name] for name in COMMITMENT_UPDATE_FIELDS}
                formset.new_objects.append(
                    commitment_add_update(commitment=commitment, user=request.user, **fields)
                )
        commitment.refresh_from_db()

    def delete_model(self, request: HttpRequest, obj: Commitment) -> None:
        commitment_delete(commitment=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Commitment]) -> None:
        for commitment in queryset:
            commitment_delete(commitment=commitment)


@admin.register(JoinRequest)
class JoinRequestAdmin(ReadOnlyAdminMixin, ServiceAdminMixin, admin.ModelAdmin):
    list_display = ["organisation_name", "kind", "country", "contact_email", "status", "created_at"]
    list_filter = ["status", "kind"]
    search_fields = ["organisation_name", "contact_name", "contact_email"]
    # Requests come from the public forms and are decided with the actions below (which invite
    # and e-mail through the moderation services); the admin does not edit them.
    fields = ("kind", "partner", *JOIN_REQUEST_FIELDS, "status", "decision_note")
    readonly_fields = (*fields, "reviewed_by", "reviewed_at", "created_at")
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
