"""Running a staff CSV import job (`PartnerImportJob`): what the `partner_import_job_run` task
does with a job that `csv_jobs` queued. Apart from `csv_jobs` because the task module imports
this one, while `csv_jobs` imports the task module to queue jobs.
"""

from __future__ import annotations

import datetime
import logging

from django.utils import timezone

from partners.models import PartnerImportJob
from partners.services.csv_io import partners_import_csv

logger = logging.getLogger(__name__)


def partner_import_job_run(*, job_id: str) -> None:
    """Run a queued job (the Celery task). Idempotent: a job that is no longer queued (run
    twice, or already picked up) is left alone."""
    claimed = PartnerImportJob.objects.filter(
        pk=job_id, state=PartnerImportJob.State.QUEUED
    ).update(state=PartnerImportJob.State.RUNNING, updated_at=timezone.now())
    if not claimed:
        return
    job = PartnerImportJob.objects.select_related("created_by").get(pk=job_id)

    def progress(done: int, total: int) -> None:
        PartnerImportJob.objects.filter(pk=job.pk).update(
            rows_done=done, rows_total=total, updated_at=timezone.now()
        )

    try:
        report = partners_import_csv(
            file=job.content,
            user=job.created_by,
            dry_run=job.mode == PartnerImportJob.Mode.PREVIEW,
            progress=progress,
        )
    except Exception as exc:  # a job must end in a state the page can show, never hang
        logger.exception("partner import job %s failed", job.pk)
        PartnerImportJob.objects.filter(pk=job.pk).update(
            state=PartnerImportJob.State.FAILED,
            error=str(exc)[:1000],
            finished_at=timezone.now(),
        )
        return
    fields = {
        "state": PartnerImportJob.State.DONE,
        "report": report.to_dict(),
        "rows_total": len(report.rows),
        "rows_done": len(report.rows),
        "finished_at": timezone.now(),
    }
    if report.applied:
        fields["content"] = ""  # applied: the data now lives in the partners themselves
    PartnerImportJob.objects.filter(pk=job.pk).update(**fields)


def partner_import_jobs_stalled_ids(*, idle_minutes: int = 5) -> list[str]:
    """Jobs still waiting for a worker `idle_minutes` after they were queued or last touched:
    their task was never queued (broker down at the time). Running one twice is harmless (the
    run claims the job), so the periodic sweep queues them again."""
    cutoff = timezone.now() - datetime.timedelta(minutes=idle_minutes)
    return [
        str(pk)
        for pk in PartnerImportJob.objects.filter(
            state=PartnerImportJob.State.QUEUED, updated_at__lt=cutoff
        ).values_list("pk", flat=True)
    ]
