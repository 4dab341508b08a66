"""Staff pages: import partners from CSV (upload → preview → apply) and export them as CSV."""

from __future__ import annotations

import uuid

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    StreamingHttpResponse,
)
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from core.csv_export import csv_streaming_response
from core.permissions import staff_required
from partners.models import PartnerImportJob
from partners.services import csv_jobs
from partners.services.csv_io import (
    BOOL_COLUMNS,
    COLUMNS,
    READ_ONLY_COLUMNS,
    partners_export_csv,
    partners_import_csv,
)

# Larger files than csv_jobs.INLINE_MAX_BYTES are kept in an import job rather than carried
# back in the preview's hidden field, so the upload itself may be larger.
MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class CsvUploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("CSV file (UTF-8)"))

    def clean_file(self) -> str:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB; split it."))
        try:
            return str(upload.read().decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise forms.ValidationError(_("The file is not UTF-8 text.")) from None


@staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def csv_import(request: HttpRequest) -> HttpResponse:
    form = CsvUploadForm()
    report = None
    content = ""
    if request.method == "POST":
        if request.POST.get("action") == "apply":
            # Re-validated from scratch: the preview proves nothing about the data now.
            content = request.POST.get("content", "")
            if csv_jobs.partner_import_needs_job(content=content):
                job = csv_jobs.partner_import_job_start(content=content, user=request.user)
                return redirect("partners:csv-import-job", pk=job.pk)
            report = partners_import_csv(file=content, user=request.user, dry_run=False)
            if report.applied:
                messages.success(request, report.summary())
                return redirect("partners:csv-import")
        else:
            form = CsvUploadForm(request.POST, request.FILES)
            if form.is_valid():
                content = form.cleaned_data["file"]
                if csv_jobs.partner_import_needs_job(content=content):
                    job = csv_jobs.partner_import_job_start(
                        content=content,
                        user=request.user,
                        filename=str(getattr(request.FILES.get("file"), "name", "") or ""),
                    )
                    return redirect("partners:csv-import-job", pk=job.pk)
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
@require_http_methods(["GET", "HEAD", "POST"])
def csv_import_job(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """A large import's progress and report; POST action=apply applies a clean preview."""
    try:
        job = csv_jobs.partner_import_job_get(pk=str(pk))
    except PartnerImportJob.DoesNotExist:
        raise Http404 from None
    if request.method == "POST":
        try:
            csv_jobs.partner_import_job_apply(job=job, user=request.user)
        except ValidationError as exc:
            return HttpResponseBadRequest(" ".join(exc.messages))
        return redirect("partners:csv-import-job", pk=job.pk)
    return render(
        request,
        "partners/staff/csv_import_job.html",
        {"job": job, "report": csv_jobs.partner_import_job_report(job=job)},
    )


@staff_required
@require_safe
def csv_export(request: HttpRequest) -> StreamingHttpResponse:
    # Every partner, with the e-mails, phones and addresses their profiles hide.
    return csv_streaming_response(
        partners_export_csv(),
        filename=f"partners-{timezone.localdate().isoformat()}.csv",
        personal=True,
    )
