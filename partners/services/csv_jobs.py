"""Large staff CSV imports run as a Celery task (`PartnerImportJob`), with progress the staff
page can show: a 50,000-row file takes minutes to check, far longer than a web request may.

Small files (up to `CSV_IMPORT_SYNC_MAX_ROWS`) keep the immediate preview of the import page.
Here a job is started, applied and read; the task runs it with `csv_job_run`.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.users import AnyUser
from partners import tasks
from partners.models import PartnerImportJob
from partners.services.csv_report import ImportReport


def partner_import_row_estimate(*, content: str) -> int:
    """Lines after the header: a cheap upper bound on the rows (a cell may span lines)."""
    return max(content.count("\n") - 1 + (0 if content.endswith("\n") else 1), 0)


# The immediate preview carries the file back in a hidden form field, which must fit in
# Django's DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB); a bigger file goes through a job whatever its
# row count.
INLINE_MAX_BYTES = 2 * 1024 * 1024


def partner_import_needs_job(*, content: str) -> bool:
    return (
        partner_import_row_estimate(content=content) > settings.CSV_IMPORT_SYNC_MAX_ROWS
        or len(content.encode("utf-8")) > INLINE_MAX_BYTES
    )


def _enqueue(job: PartnerImportJob) -> None:
    job_id = str(job.pk)
    transaction.on_commit(lambda: tasks.partner_import_job_run.delay(job_id))


@transaction.atomic
def partner_import_job_start(
    *, content: str, user: AnyUser, filename: str = ""
) -> PartnerImportJob:
    """Queue the preview (a dry run) of an uploaded file."""
    job = PartnerImportJob(
        content=content,
        filename=filename[:200],
        created_by=user if user is not None and user.is_authenticated else None,
        rows_total=partner_import_row_estimate(content=content),
    )
    job.full_clean()
    job.save()
    _enqueue(job)
    return job


@transaction.atomic
def partner_import_job_apply(*, job: PartnerImportJob, user: AnyUser) -> PartnerImportJob:
    """Queue the apply of a previewed job; the rows are validated again from scratch."""
    job = PartnerImportJob.objects.select_for_update().get(pk=job.pk)
    report = partner_import_job_report(job=job)
    if (
        job.mode != PartnerImportJob.Mode.PREVIEW
        or job.state != PartnerImportJob.State.DONE
        or report is None
        or not report.is_valid
    ):
        raise ValidationError(_("Only a finished preview without errors can be applied."))
    job.mode = PartnerImportJob.Mode.APPLY
    job.state = PartnerImportJob.State.QUEUED
    job.rows_done = 0
    job.finished_at = None
    if user is not None and user.is_authenticated:
        job.created_by = user
    job.save()
    _enqueue(job)
    return job


def partner_import_job_report(*, job: PartnerImportJob) -> ImportReport | None:
    return ImportReport.from_dict(job.report) if job.report else None


def partner_import_job_get(*, pk: str) -> PartnerImportJob:
    """Raises `PartnerImportJob.DoesNotExist` (also for a malformed id)."""
    try:
        return PartnerImportJob.objects.select_related("created_by").get(pk=pk)
    except (ValidationError, ValueError):
        raise PartnerImportJob.DoesNotExist from None
