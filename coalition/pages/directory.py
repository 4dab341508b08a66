"""The partner directory: the filters, facets and list (partners) with the same results on a map
beside the list (maps). The URL keeps its name, `partners:partner-list`."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from maps.directory_map import directory_map
from partners.views.public import partner_directory_context


@require_safe
def partner_list(request: HttpRequest) -> HttpResponse:
    context = partner_directory_context(request)
    # Every result of the search, not only this page of the list; the builders escape every
    # string they embed (maps.builders), so the parts are HTML to keep.
    context["map"] = directory_map(
        filters=context["filters"].as_dict(), partners=context["results"]
    )
    return render(request, "coalition/partner_list.html", context)
