"""Campaigns benchmark: pledge submissions per second through the full stack, and the campaign
page with 100,000 confirmed pledges.

`python -m bench.campaigns` (also run by `make bench`). With `DATABASE_URL` set to PostgreSQL the
benchmark creates and afterwards drops a throwaway `test_<name>` database on that server (the
named database itself is never touched); without it, a temporary SQLite file is used and the
output says so.

Submissions go through the Django test client: URL routing, CSRF-exempt test client, form
validation, the service (throttle in the cache, insert, unique constraint) and the confirmation
e-mail (eager Celery task rendering both languages' templates into the locmem backend).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUBMISSIONS = 300
PLEDGES = 100_000
BATCH = 5_000
RUNS = 15


def _configure(tmp: str) -> str:
    os.environ["COALITION_VAR_DIR"] = tmp
    label = "PostgreSQL"
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench-campaigns.sqlite3"
        label = "SQLite (set DATABASE_URL=postgres://… for PostgreSQL)"
    os.environ.pop("CACHE_URL", None)
    os.environ.pop("REDIS_URL", None)
    os.environ.pop("CELERY_BROKER_URL", None)
    os.environ["PLEDGE_SUBMISSIONS_PER_HOUR"] = "1000000000"  # measuring, not rate limiting
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coalition.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    return label


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        label = _configure(tmp)
        from django.db import connection

        postgres = connection.vendor == "postgresql"
        if postgres:
            # A throwaway database next to the configured one, dropped at the end.
            old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
        else:
            from django.core.management import call_command

            call_command("migrate", verbosity=0, interactive=False)
        try:
            _run(label)
        finally:
            if postgres:
                connection.creation.destroy_test_db(old_name, verbosity=0)
    return 0


def _run(label: str) -> None:
    from django.core import mail
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from django.utils import timezone

    from campaigns.models import Campaign, Pledge
    from campaigns.validators import mailbox_key, normalise_email

    setup_test_environment()  # locmem mail outbox, test client response context
    campaign = Campaign.objects.create(
        slug="bench",
        kind=Campaign.Kind.RATIFICATION,
        title_en="Bench campaign",
        text_en="Benchmark.",
        goal=200_000,
        is_published=True,
    )
    client = Client()
    url = f"/en/campaigns/{campaign.slug}/sign/"
    started = time.perf_counter()
    for n in range(SUBMISSIONS):
        response = client.post(
            url,
            {
                "kind": "individual",
                "individual-name": f"Bench Signer {n}",
                "individual-country": "MX",
                "individual-city": "Oaxaca",
                "individual-email": f"bench{n}@example.net",
                "individual-display": "full",
            },
            REMOTE_ADDR=f"10.0.{n // 250}.{n % 250}",
        )
        assert response.status_code == 302, response.status_code
    elapsed = time.perf_counter() - started
    assert Pledge.objects.count() == SUBMISSIONS
    assert len(mail.outbox) == SUBMISSIONS
    Pledge.objects.all().delete()

    countries = ["MX", "US", "GT", "HN", "SV", "CO", "EC", "PE", "ES", "PH"]
    displays = ["full", "initials", "country", "hidden"]
    now = timezone.now()
    seed_started = time.perf_counter()
    for start in range(0, PLEDGES, BATCH):
        Pledge.objects.bulk_create(
            [
                Pledge(
                    campaign=campaign,
                    kind="organisation" if n % 10 == 0 else "individual",
                    organisation_name=f"Org {n}" if n % 10 == 0 else "",
                    name=f"Seeded Signer {n}",
                    country=countries[n % len(countries)],
                    city="Oaxaca",
                    email=f"seed{n}@example.net",
                    email_normalised=normalise_email(f"seed{n}@example.net"),
                    email_canonical=mailbox_key(f"seed{n}@example.net"),
                    display=displays[n % len(displays)],
                    confirmed_at=now,
                )
                for n in range(start, min(start + BATCH, PLEDGES))
            ]
        )
    seed_seconds = time.perf_counter() - seed_started
    if connection.vendor == "postgresql":
        # What autovacuum would do soon after a bulk load: give the planner real statistics.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE campaigns_pledge")

    def timed(path: str) -> tuple[float, int]:
        client.get(path)  # warm caches
        samples = []
        for _ in range(RUNS):
            t = time.perf_counter()
            assert client.get(path).status_code == 200
            samples.append(time.perf_counter() - t)
        with CaptureQueriesContext(connection) as ctx:
            client.get(path)
        return statistics.median(samples), len(ctx.captured_queries)

    page_median, page_queries = timed(f"/en/campaigns/{campaign.slug}/")
    widget_median, widget_queries = timed(f"/en/campaigns/{campaign.slug}/widget/")
    api_median, api_queries = timed(f"/api/v1/campaigns/{campaign.slug}/pledges/")

    print(f"\nCampaigns benchmark on {label}.")
    print(
        f"Pledge submissions through the full stack (test client → form → service → insert →"
        f" eager e-mail task): {SUBMISSIONS / elapsed:,.0f} per second"
        f" ({SUBMISSIONS} in {elapsed:.1f} s)."
    )
    print(f"Seeded {PLEDGES:,} confirmed pledges in {seed_seconds:.1f} s (bulk_create).")
    print(f"Median of {RUNS} runs with {PLEDGES:,} confirmed pledges:")
    print(f"  campaign page          {page_median * 1000:8.1f} ms  {page_queries} queries")
    print(f"  embeddable widget      {widget_median * 1000:8.1f} ms  {widget_queries} queries")
    print(f"  API public signer list {api_median * 1000:8.1f} ms  {api_queries} queries")


def _postgres_reachable(url: str) -> bool:
    import psycopg

    try:
        with psycopg.connect(url.replace("postgres://", "postgresql://", 1), connect_timeout=3):
            return True
    except psycopg.Error:
        return False


def run_isolated() -> None:
    """Run in a child process: Django can be set up only once per process, and the partner
    benchmark has already configured its own SQLite database.

    The pledge figures are wanted on PostgreSQL (the production database, and the one whose
    unique-constraint path the submissions exercise): `make bench` passes the local server as
    BENCH_POSTGRES_URL and it is used when it answers; otherwise SQLite, labelled as such."""
    env = dict(os.environ)
    url = env.get("BENCH_POSTGRES_URL", "")
    if url and _postgres_reachable(url):
        env["DATABASE_URL"] = url
    subprocess.run(  # noqa: S603 - fixed argv, no shell
        [sys.executable, "-m", "bench.campaigns"], cwd=ROOT, check=False, env=env
    )


if __name__ == "__main__":
    sys.exit(main())
