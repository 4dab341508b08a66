"""Staff pages: import partners from CSV (upload → preview → apply) and export them as CSV."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from coalition.permissions import staff_required
from partners.services.csv_io import (
    BOOL_COLUMNS,
    COLUMNS,
    READ_ONLY_COLUMNS,
    partners_export_csv,
    partners_import_csv,
)

# The preview carries the file back in a hidden field (web processes keep no state between the
# two requests), so it must fit in Django's DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB by default).
MAX_UPLOAD_BYTES = 2 * 1024 * 1024


class CsvUploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("CSV file (UTF-8)"))

    def clean_file(self) -> str:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB; split it."))
        try:
            return str(upload.read().decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise forms.ValidationError(_("The file is not UTF-8 text.")) from None


@staff_required
@require_http_methods(["GET", "POST"])
def csv_import(request: HttpRequest) -> HttpResponse:
    form = CsvUploadForm()
    report = None
    content = ""
    if request.method == "POST":
        if request.POST.get("action") == "apply":
            # Re-validated from scratch: the preview proves nothing about the data now.
            content = request.POST.get("content", "")
            report = partners_import_csv(file=content, user=request.user, dry_run=False)
            if report.applied:
                messages.success(request, report.summary())
                return redirect("partners:csv-import")
        else:
            form = CsvUploadForm(request.POST, request.FILES)
            if form.is_valid():
                content = form.cleaned_data["file"]
                report = partners_import_csv(file=content, user=request.user, dry_run=True)
    return render(
        request,
        "partners/staff/csv_import.html",
        {
            "form": form,
            "report": report,
            "content": content,
            "columns": COLUMNS,
            "bool_columns": BOOL_COLUMNS,
            "read_only_columns": READ_ONLY_COLUMNS,
        },
    )


@staff_required
@require_GET
def csv_export(request: HttpRequest) -> StreamingHttpResponse:
    response = StreamingHttpResponse(partners_export_csv(), content_type="text/csv; charset=utf-8")
    filename = f"partners-{timezone.localdate().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
