"""Staff review of UNTC imports: list every run, upload a saved page, review its diff, apply it."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from core.http import object_or_404
from core.permissions import staff_required
from ratification.forms import ImportUploadForm
from ratification.models import ActionKind, ImportRun
from ratification.selectors.imports import import_run_get, import_runs, treaty_changes_labelled
from ratification.services.imports import (
    TreatyImportError,
    treaty_import_apply,
    treaty_import_from_source,
)

_KIND_LABELS = dict(ActionKind.choices)


@require_safe
@staff_required
def import_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(import_runs(), 50).get_page(request.GET.get("page"))
    return render(
        request, "ratification/staff/import_list.html", {"page_obj": page, "runs": list(page)}
    )


@require_http_methods(["GET", "HEAD", "POST"])
@staff_required
def import_upload(request: HttpRequest) -> HttpResponse:
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["page"]
        try:
            run = treaty_import_from_source(
                source=f"upload: {upload.name}"[:500],
                treaty_slug=form.cleaned_data["treaty"] or None,
                dry_run=True,
                user=request.user,
                content=upload.read(),
            )
        except TreatyImportError as exc:
            form.add_error("page", str(exc))
        else:
            return redirect("ratification:import-detail", pk=run.pk)
    return render(request, "ratification/staff/import_upload.html", {"form": form})


def _rows(rows: list[dict[str, object]]) -> list[dict[str, object]]:
    # Label the kinds here so the template needs no lookups.
    return [
        row | {"kind_label": _KIND_LABELS.get(str(row.get("kind")), row.get("kind"))}
        for row in rows
    ]


@require_http_methods(["GET", "HEAD", "POST"])
@staff_required
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = object_or_404(import_run_get, pk=pk)
    if request.method == "POST":
        try:
            run = treaty_import_apply(run=run, user=request.user)
        except TreatyImportError as exc:
            messages.error(request, str(exc))
        else:
            if run.status == ImportRun.Status.NO_CHANGE:
                messages.success(request, _("Applied: nothing had changed."))
            else:
                messages.success(request, _("Applied: the treaty data is updated."))
        return redirect("ratification:import-detail", pk=pk)
    diff = run.diff or {}
    return render(
        request,
        "ratification/staff/import_detail.html",
        {
            "run": run,
            "can_apply": run.status == ImportRun.Status.PREVIEWED,
            "treaty_changes": treaty_changes_labelled(diff.get("treaty", [])),
            "added": _rows(diff.get("added", [])),
            "changed": _rows(diff.get("changed", [])),
            "missing": _rows(diff.get("missing", [])),
            "slug": diff.get("slug", ""),
            "reference": diff.get("reference", ""),
        },
    )
