"""Django admin for the ratification data. Imports are made through the staff area or the
`import_untc` command (which show the diff first), so import runs are read-only here."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from ratification.models import Country, ImportRun, Treaty, TreatyAction


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["iso2", "iso3", "name", "region", "subregion", "un_member_since"]
    list_filter = ["region", "subregion"]
    search_fields = ["iso2", "iso3", "name"]


@admin.register(Treaty)
class TreatyAdmin(admin.ModelAdmin):
    list_display = [
        "short_name",
        "slug",
        "untc_reference",
        "source",
        "as_of",
        "header_parties",
        "header_signatories",
        "position",
    ]
    list_filter = ["source"]
    search_fields = ["slug", "short_name", "name", "untc_reference"]
    prepopulated_fields = {"slug": ["short_name"]}
    list_select_related = ["parent"]


@admin.register(TreatyAction)
class TreatyActionAdmin(SimpleHistoryAdmin):
    list_display = ["treaty", "country", "kind", "article", "date", "source_as_of", "updated_at"]
    list_filter = ["treaty", "kind", "article"]
    search_fields = ["country", "text"]
    date_hierarchy = "date"
    list_select_related = ["treaty"]
    readonly_fields = ["created_at", "updated_at"]


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
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

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
