"""Issue 7 #7 with the real services: a large staff import is previewed and applied by the
Celery worker (PostgreSQL, Redis), and the apply's geocoding is queued after commit."""

from __future__ import annotations

import pytest

from partners.models import Partner, PartnerImportJob
from partners.services import csv_jobs
from tests.factories import StaffFactory
from tests.integration.conftest import wait_until

pytestmark = pytest.mark.services


def test_a_large_import_runs_in_the_worker(celery_worker_process):
    staff = StaffFactory()
    content = "name,country,city\n" + "".join(f"Worker Org {i},EC,Quito\n" for i in range(40))
    job = csv_jobs.partner_import_job_start(content=content, user=staff, filename="big.csv")

    def finished() -> bool:
        job.refresh_from_db()
        return job.is_finished

    assert wait_until(finished, timeout=60), job.state
    assert job.state == PartnerImportJob.State.DONE, job.error
    assert job.rows_done == job.rows_total == 40
    assert not Partner.objects.exists()

    csv_jobs.partner_import_job_apply(job=job, user=staff)
    assert wait_until(finished, timeout=60), job.state
    assert job.report["applied"] is True, job.report
    assert Partner.objects.count() == 40
    assert job.content == ""

    def geocoded() -> bool:
        return not Partner.objects.filter(geocode_status=Partner.GeocodeStatus.PENDING).exists()

    assert wait_until(geocoded, timeout=60)
    assert set(Partner.objects.values_list("geocode_status", flat=True)) == {"ok"}
