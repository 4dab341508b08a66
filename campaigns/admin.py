"""Django admin for campaigns: every write goes through a service.

Pledges hold signers' e-mail addresses: the admin is staff-only, pledges cannot be added or edited
here (only hidden, shown again or deleted), and the e-mail is read-only.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms import BaseInlineFormSet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from campaigns.models import Activity, Campaign, CampaignMessage, Material, Pledge, PledgeExport
from campaigns.services.activities import activity_delete, activity_moderate, activity_save
from campaigns.services.campaigns import (
    campaign_delete,
    campaign_save,
    material_delete,
    material_save,
    material_sniff,
    message_delete,
    message_save,
)
from campaigns.services.pledges import pledge_delete, pledge_hide
from core.admin import ReadOnlyAdminMixin, ServiceAdminMixin


class MaterialAdminForm(forms.ModelForm):
    class Meta:
        model = Material
        fields = ["title", "language", "file", "position"]

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload is not None and "file" in self.changed_data:
            try:
                material_sniff(upload)
            except ValidationError as exc:
                raise ValidationError(exc.message_dict.get("file", exc.messages)) from exc
        return upload


class CampaignMessageInline(admin.StackedInline):
    model = CampaignMessage
    extra = 0
    fields = ["text_en", "text_es", "hashtags", "position"]


class MaterialInline(admin.TabularInline):
    model = Material
    form = MaterialAdminForm
    extra = 0
    readonly_fields = ["file_type", "size"]


@admin.register(Campaign)
class CampaignAdmin(ServiceAdminMixin, admin.ModelAdmin):
    list_display = ["title_en", "kind", "is_published", "opens_on", "closes_on", "goal"]
    list_filter = ["kind", "is_published"]
    search_fields = ["title_en", "title_es", "slug"]
    prepopulated_fields = {"slug": ["title_en"]}
    inlines = [CampaignMessageInline, MaterialInline]
    fieldsets = [
        (None, {"fields": ["slug", "kind", "is_published", "signers", "goal", "next_goal"]}),
        (_("English"), {"fields": ["title_en", "summary_en", "text_en"]}),
        (_("Spanish"), {"fields": ["title_es", "summary_es", "text_es"]}),
        (
            _("Target and dates"),
            {"fields": ["treaty", "target_country", "opens_on", "closes_on", "donation_url"]},
        ),
    ]

    def save_model(self, request: HttpRequest, obj: Campaign, form: Any, change: bool) -> None:
        campaign_save(campaign=obj)

    def delete_model(self, request: HttpRequest, obj: Campaign) -> None:
        campaign_delete(campaign=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Campaign]) -> None:
        for campaign in queryset:
            campaign_delete(campaign=campaign)

    def save_formset(
        self, request: HttpRequest, form: Any, formset: BaseInlineFormSet, change: bool
    ) -> None:
        instances = formset.save(commit=False)
        for deleted in formset.deleted_objects:
            if isinstance(deleted, Material):
                material_delete(material=deleted)
            elif isinstance(deleted, CampaignMessage):
                message_delete(message=deleted)
        for instance in instances:
            if isinstance(instance, Material):
                sub = next(f for f in formset.forms if f.instance is instance)
                upload = sub.cleaned_data.get("file") if "file" in sub.changed_data else None
                material_save(material=instance, upload=upload)
            elif isinstance(instance, CampaignMessage):
                message_save(message=instance)
        formset.save_m2m()


@admin.register(Pledge)
class PledgeAdmin(ServiceAdminMixin, admin.ModelAdmin):
    list_display = [
        "campaign",
        "kind",
        "organisation_name",
        "name",
        "country",
        "display",
        "hidden_by_staff",
        "partner_verified",
        "confirmed_at",
        "created_at",
    ]
    list_filter = ["campaign", "kind", "display", "hidden_by_staff", "partner_verified"]
    search_fields = ["name", "organisation_name", "email_normalised", "email_canonical"]
    list_select_related = ["campaign"]
    actions = ["hide_names", "show_names"]
    fields = [
        "campaign",
        "kind",
        "organisation_name",
        "name",
        "email",
        "country",
        "city",
        "display",
        "language",
        "partner",
        "partner_verified",
        "confirmed_at",
        "created_at",
        "last_reminder_at",
        "referral_code",
        "referred_by",
        "hidden_by_staff",
    ]

    def get_readonly_fields(self, request: HttpRequest, obj: Pledge | None = None) -> list[str]:
        # What a signer typed is theirs to change (by signing again after withdrawing); staff
        # may only hide the name.
        return [str(f) for f in self.fields if f != "hidden_by_staff"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Pledge, form: Any, change: bool) -> None:
        # The form has already set the new value on `obj`; the service compares with the stored
        # one, so give it the row as stored.
        pledge_hide(pledge=Pledge.objects.get(pk=obj.pk), hidden=obj.hidden_by_staff)

    def delete_model(self, request: HttpRequest, obj: Pledge) -> None:
        pledge_delete(pledge=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Pledge]) -> None:
        for pledge in queryset:
            pledge_delete(pledge=pledge)

    @admin.action(description=_("Hide the selected signers' names"))
    def hide_names(self, request: HttpRequest, queryset: QuerySet[Pledge]) -> None:
        for pledge in queryset:
            pledge_hide(pledge=pledge, hidden=True)
        messages.success(request, _("Names hidden; the signatures still count."))

    @admin.action(description=_("Show the selected signers' names again"))
    def show_names(self, request: HttpRequest, queryset: QuerySet[Pledge]) -> None:
        for pledge in queryset:
            pledge_hide(pledge=pledge, hidden=False)


@admin.register(Activity)
class ActivityAdmin(ServiceAdminMixin, admin.ModelAdmin):
    list_display = ["title", "campaign", "partner", "starts_at", "city", "country", "status"]
    list_filter = ["status", "campaign", "country"]
    search_fields = ["title", "city", "partner__name"]
    list_select_related = ["campaign", "partner"]
    readonly_fields = ["latitude", "longitude", "created_by", "moderated_by", "moderated_at"]
    autocomplete_fields = ["partner"]
    actions = ["approve", "reject"]

    def save_model(self, request: HttpRequest, obj: Activity, form: Any, change: bool) -> None:
        status_changed = "status" in form.changed_data
        activity_save(activity=obj)
        if status_changed:
            activity_moderate(activity=obj, status=obj.status, actor=request.user)

    def delete_model(self, request: HttpRequest, obj: Activity) -> None:
        activity_delete(activity=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Activity]) -> None:
        for activity in queryset:
            activity_delete(activity=activity)

    @admin.action(description=_("Approve the selected activities"))
    def approve(self, request: HttpRequest, queryset: QuerySet[Activity]) -> None:
        for activity in queryset:
            activity_moderate(
                activity=activity, status=Activity.Status.APPROVED, actor=request.user
            )

    @admin.action(description=_("Reject the selected activities"))
    def reject(self, request: HttpRequest, queryset: QuerySet[Activity]) -> None:
        for activity in queryset:
            activity_moderate(
                activity=activity, status=Activity.Status.REJECTED, actor=request.user
            )


@admin.register(PledgeExport)
class PledgeExportAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The log of who took signers' e-mail addresses: written by `pledge_export_staff`, shown
    here, never edited or deleted."""

    list_display = ["campaign", "exported_by", "row_count", "created_at"]
    list_filter = ["campaign"]
