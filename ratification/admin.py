"""Django admin for the ratification data.

Countries and treaties are reference data (`load_reference_data`, with provenance) and import
runs are made through the staff area or `import_untc` (which show the diff first): all three are
read-only here, except a treaty's Spanish names and short descriptions, which staff may correct
(through `treaty_texts_update`). Treaty actions are written through the same services as the API, so the
model's rules and the history author hold.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from core.admin import ReadOnlyAdminMixin, ServiceAdminMixin
from ratification.models import Country, ImportRun, Treaty, TreatyAction
from ratification.services.actions import (
    TREATY_ACTION_FIELDS,
    treaty_action_create,
    treaty_action_delete,
    treaty_action_update,
)
from ratification.services.treaties import TREATY_TEXT_FIELDS, treaty_texts_update


class ReadOnlyAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    pass


@admin.register(Country)
class CountryAdmin(ReadOnlyAdmin):
    list_display = ["iso2", "iso3", "name", "region", "subregion", "un_member_since"]
    list_filter = ["region", "subregion"]
    search_fields = ["iso2", "iso3", "name"]


@admin.register(Treaty)
class TreatyAdmin(ServiceAdminMixin, admin.ModelAdmin):
    list_display = [
        "short_name",
        "short_name_es",
        "slug",
        "untc_reference",
        "source",
        "as_of",
        "header_parties",
        "header_signatories",
        "position",
    ]
    list_filter = ["source"]
    search_fields = ["slug", "short_name", "name", "short_name_es", "name_es", "untc_reference"]
    list_select_related = ["parent"]
    fields = ["slug", "short_name", "name", *TREATY_TEXT_FIELDS, "untc_reference", "as_of"]
    readonly_fields = ["slug", "short_name", "name", "untc_reference", "as_of"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Treaty, form: Any, change: bool) -> None:
        data = {name: form.cleaned_data[name] for name in form.changed_data}
        treaty_texts_update(treaty=Treaty.objects.get(pk=obj.pk), data=data)
        obj.refresh_from_db()


@admin.register(TreatyAction)
class TreatyActionAdmin(ServiceAdminMixin, SimpleHistoryAdmin):
    list_display = ["treaty", "country", "kind", "article", "date", "source_as_of", "updated_at"]
    list_filter = ["treaty", "kind", "article"]
    search_fields = ["country", "text"]
    date_hierarchy = "date"
    list_select_related = ["treaty"]
    fields = [*TREATY_ACTION_FIELDS, "created_at", "updated_at"]
    readonly_fields = ["created_at", "updated_at"]

    def save_model(self, request: HttpRequest, obj: TreatyAction, form: Any, change: bool) -> None:
        data = {name: form.cleaned_data[name] for name in TREATY_ACTION_FIELDS}
        if change:
            current = TreatyAction.objects.get(pk=obj.pk)
            changed = {name: data[name] for name in form.changed_data if name in data}
            action = treaty_action_update(action=current, data=changed, by=request.user)
        else:
            action = treaty_action_create(**data, by=request.user)
        obj.pk = action.pk
        obj.refresh_from_db()

    def delete_model(self, request: HttpRequest, obj: TreatyAction) -> None:
        treaty_action_delete(action=obj, by=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[TreatyAction]) -> None:
        for action in queryset:
            treaty_action_delete(action=action, by=request.user)


@admin.register(ImportRun)
class ImportRunAdmin(ReadOnlyAdmin):
    list_display = [
        "created_at",
        "treaty",
        "source",
        "as_of",
        "status",
        "added_count",
        "changed_count",
        "unchanged_count",
        "missing_count",
        "created_by",
    ]
    list_filter = ["status", "treaty"]
    search_fields = ["source", "error"]
    list_select_related = ["treaty", "created_by"]
    date_hierarchy = "created_at"
