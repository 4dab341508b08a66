"""`make loadtest`: locust against `make serve-prod`, with faults, then count what was lost.

1. Starts what the run owns, all on loopback: a redis-server of its own (cache and broker; port
   LOADTEST_REDIS_PORT, nothing saved to disk), an SMTP sink (bench/loadtest/smtp_sink.py) and
   the production shape, `scripts/serve_prod.py`, against its own PostgreSQL database
   (LOADTEST_DB, dropped and made anew by every run) on LOADTEST_PORT. The web process and
   beat run under honcho as `make serve-prod` runs them; the worker runs the Procfile's `worker`
   line under this script, because honcho stops every process when one dies and the fault
   phase kills it.
   The machine's own PostgreSQL server is used (its own database); its Redis is never touched.
2. Publishes the reference campaign `us-ratify-icrmw` so it takes signatures, and lifts the
   signing throttles: every request comes from 127.0.0.1, so PLEDGE_SUBMISSIONS_PER_HOUR,
   API_THROTTLE_PLEDGES and API_THROTTLE_ANON are set far above what the run sends.
3. Runs locust headless (bench/loadtest/locustfile.py) for LOADTEST_SECONDS of steady load, a
   fault window of LOADTEST_FAULT_SECONDS and LOADTEST_RECOVERY_SECONDS of recovery. In the
   fault window the worker is killed (`kill -KILL` its process group, mid-task), 2 s later Redis
   is paused (`kill -STOP` its pid); at half the window Redis is resumed, at two thirds the worker
   is started again; recovery starts once both are back.
4. Prints requests per second and p50/p95/p99 per endpoint for each phase, and the errors.
5. Waits up to LOADTEST_DRAIN_SECONDS for the outbox to drain, then checks: every pledge the
   site accepted is in the database exactly once; every pledge of the run has exactly one
   e-mail in the outbox (django-post-office's Email rows), sent, and the SMTP sink received
   exactly one message for it; no 5xx and no failed request once the services were back.
   Exits 1 when a check fails. Everything is stopped by pid at the end, whatever happened.

The figures and counts are written to var/loadtest/results-<run>.json.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import math
import os
import platform
import shlex
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from bench.loadtest.smtp_sink import SmtpSink

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
LOCUSTFILE = Path(__file__).resolve().parent / "locustfile.py"


def _env_int(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


STEADY = _env_int("LOADTEST_SECONDS", 60)
FAULT = _env_int("LOADTEST_FAULT_SECONDS", 30)
RECOVERY = _env_int("LOADTEST_RECOVERY_SECONDS", 30)
USERS = _env_int("LOADTEST_USERS", 8)
DRAIN = _env_int("LOADTEST_DRAIN_SECONDS", 180)
PORT = _env_int("LOADTEST_PORT", 8110)
REDIS_PORT = _env_int("LOADTEST_REDIS_PORT", 8179)
SMTP_PORT = _env_int("LOADTEST_SMTP_PORT", 8125)
DATABASE_URL = os.environ.get(
    "LOADTEST_DB", "postgres://postgres@127.0.0.1:5432/coalition_loadtest"
)
CAMPAIGN = "us-ratify-icrmw"
# The locustfile's request names, in the order the tables show them.
ENDPOINTS = [
    "home",
    "map",
    "treaty page",
    "partner API",
    "campaign page",
    "pledge by form",
    "pledge by API",
    "(all)",
]
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"
VAR = ROOT / "var" / "loadtest"


def log(message: str) -> None:
    print(f"loadtest {time.strftime('%H:%M:%S')} {message}", flush=True)


def server_environment(run: str) -> dict[str, str]:
    """What scripts/serve_prod.py is given on top of its production defaults."""
    redis = f"redis://127.0.0.1:{REDIS_PORT}"
    return {
        "COALITION_VAR_DIR": str(VAR),
        "SERVE_PROD_PORT": str(PORT),
        "DATABASE_URL": DATABASE_URL,
        "CACHE_URL": f"{redis}/0",
        "CELERY_BROKER_URL": f"{redis}/1",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(SMTP_PORT),
        "EMAIL_USE_TLS": "false",
        # One client address sends every signature: lift the per-address limits for the run.
        "PLEDGE_SUBMISSIONS_PER_HOUR": "1000000",
        "API_THROTTLE_PLEDGES": "1000000/hour",
        "API_THROTTLE_ANON": "1000000/minute",
        # Shorter outbox timers, so what the fault left behind is swept within the drain wait:
        # the sweep every 10 s (production: 60) and a killed worker's lease after 30 s (300).
        "MAIL_SWEEP_SECONDS": "10",
        "MAIL_CLAIM_SECONDS": "30",
        "MAIL_RETRY_SECONDS": "5",
        "LOG_LEVEL": "WARNING",
        "GUNICORN_ACCESS_LOG": str(VAR / "access.log"),
        "LOADTEST_RUN": run,
    }


def env_file_values(path: Path) -> dict[str, str]:
    from honcho.environ import parse

    return dict(parse(path.read_text()))


@dataclass
class Services:
    run: str
    env: dict[str, str] = field(default_factory=dict)
    redis: subprocess.Popen[bytes] | None = None
    honcho: subprocess.Popen[bytes] | None = None
    worker: subprocess.Popen[bytes] | None = None
    locust: subprocess.Popen[bytes] | None = None
    sink: SmtpSink | None = None
    logs: list[Any] = field(default_factory=list)
    worker_starts: int = 0
    worker_marker: str = ""

    def _log(self, name: str) -> Any:
        handle = open(VAR / f"{name}.log", "ab")  # noqa: SIM115 - closed in stop()
        self.logs.append(handle)
        return handle

    # --- Redis -------------------------------------------------------------------------------
    def start_redis(self) -> None:
        argv = [REDIS_SERVER, "--port", str(REDIS_PORT), "--bind", "127.0.0.1"]
        argv += ["--save", "", "--appendonly", "no", "--dir", str(VAR)]
        self.redis = subprocess.Popen(  # noqa: S603 - fixed argv, no shell
            argv, stdout=self._log("redis"), stderr=subprocess.STDOUT, start_new_session=True
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self._redis_ping():
                return
            time.sleep(0.2)
        raise RuntimeError("the loadtest redis-server did not start; see var/loadtest/redis.log")

    def _redis_ping(self) -> bool:
        import redis

        try:
            client = redis.Redis(port=REDIS_PORT, socket_timeout=0.5, socket_connect_timeout=0.5)
            return bool(client.ping())
        except redis.RedisError:
            return False

    # --- The production shape ------------------------------------------------------------------
    def fresh_database(self) -> None:
        """Drop the run's own database, so every run starts from migrate and the same data."""
        import psycopg
        from psycopg import sql

        parts = urlsplit(DATABASE_URL)
        name = unquote(parts.path.lstrip("/"))
        maintenance = parts._replace(path="/postgres").geturl()
        with psycopg.connect(maintenance, autocommit=True, connect_timeout=10) as connection:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )

    def prepare(self) -> None:
        self.fresh_database()
        env = {**os.environ, **server_environment(self.run)}
        log("serve-prod --setup-only (collectstatic, migrate, reference data)")
        subprocess.run(  # noqa: S603 - fixed argv, no shell
            [sys.executable, "scripts/serve_prod.py", "--setup-only"],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=self._log("setup"),
            stderr=subprocess.STDOUT,
            timeout=900,
        )
        self.env = {**env, **env_file_values(VAR / "serve-prod.env")}
        self.env["PATH"] = f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"
        publish = (
            "from campaigns.models import Campaign\n"
            "from campaigns.services.campaigns import campaign_save\n"
            f"campaign = Campaign.objects.get(slug={CAMPAIGN!r})\n"
            "campaign.is_published = True\n"
            "campaign_save(campaign=campaign)\n"
        )
        subprocess.run(  # noqa: S603 - fixed argv, no shell
            [sys.executable, "manage.py", "shell", "--no-imports", "-c", publish],
            cwd=ROOT,
            env=self.env,
            check=True,
            timeout=300,
        )

    def start_web_and_beat(self) -> None:
        env = {**os.environ, **server_environment(self.run)}
        self.honcho = subprocess.Popen(  # noqa: S603 - fixed argv, no shell
            [sys.executable, "scripts/serve_prod.py", "--no-setup", "web", "beat"],
            cwd=ROOT,
            env=env,
            stdout=self._log("serve-prod"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def start_worker(self) -> None:
        """The Procfile's `worker` line, as honcho would run it."""
        procfile = (ROOT / "Procfile").read_text().splitlines()
        line = next(entry for entry in procfile if entry.startswith("worker:"))
        command = line.split(":", 1)[1].strip()
        self.worker_starts += 1
        handle = self._log("worker")
        # The log is appended to across runs: the marker names this run and this start.
        self.worker_marker = f"--- run {self.run} start {self.worker_starts} at {time.time():.3f}"
        handle.write(f"{self.worker_marker}\n".encode())
        handle.flush()
        self.worker = subprocess.Popen(  # noqa: S603 - the Procfile's own line, as honcho runs it
            ["/bin/sh", "-c", command],
            cwd=ROOT,
            env=self.env,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_worker_ready(self, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            text = (VAR / "worker.log").read_text(errors="replace")
            if self.worker_marker in text and " ready." in text.split(self.worker_marker, 1)[1]:
                return
            if self.worker is not None and self.worker.poll() is not None:
                raise RuntimeError("the worker exited at start-up; see var/loadtest/worker.log")
            time.sleep(0.5)
        raise RuntimeError("the worker was not ready in time; see var/loadtest/worker.log")

    def wait_healthy(self, timeout: float = 180) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.honcho is not None and self.honcho.poll() is not None:
                raise RuntimeError("serve-prod exited; see var/loadtest/serve-prod.log")
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{PORT}/healthz", timeout=5
                ) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(1)
        raise RuntimeError("serve-prod did not answer /healthz in time")

    # --- Faults ----------------------------------------------------------------------------
    def redis_signal(self, sig: signal.Signals) -> None:
        assert self.redis is not None
        os.kill(self.redis.pid, sig)

    def kill_worker(self) -> None:
        assert self.worker is not None
        # The worker's own process group (its pool children too), by its pid.
        os.killpg(self.worker.pid, signal.SIGKILL)
        self.worker.wait(timeout=30)

    # --- Teardown ----------------------------------------------------------------------------
    def stop(self) -> None:
        for name in ("locust", "worker", "honcho"):
            process = getattr(self, name)
            if process is None or process.poll() is not None:
                continue
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
        if self.redis is not None and self.redis.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.redis.pid, signal.SIGCONT)
                os.kill(self.redis.pid, signal.SIGTERM)
            self.redis.wait(timeout=30)
        if self.sink is not None:
            self.sink.shutdown()
            self.sink.server_close()
        for handle in self.logs:
            handle.close()


# --- Figures ---------------------------------------------------------------------------------
def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile of `values` (sorted here)."""
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


def phase_of(request: dict[str, Any], fault_start: float, restored: float) -> str:
    """steady: over before the fault; recovery: started once everything was back; fault: any
    request that overlapped the fault window."""
    end = request["start"] + request["ms"] / 1000
    if end < fault_start:
        return "steady"
    if request["start"] >= restored:
        return "recovery"
    return "fault"


def figures(
    requests: list[dict[str, Any]], timeline: dict[str, float]
) -> dict[str, dict[str, dict[str, Any]]]:
    durations = {
        "steady": timeline["fault_start"] - timeline["start"],
        "fault": timeline["restored"] - timeline["fault_start"],
        "recovery": timeline["end"] - timeline["restored"],
    }
    grouped: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for request in requests:
        phase = phase_of(request, timeline["fault_start"], timeline["restored"])
        grouped[phase][request["name"]].append(request)
        grouped[phase]["(all)"].append(request)
    table: dict[str, dict[str, dict[str, Any]]] = {}
    for phase in ("steady", "fault", "recovery"):
        table[phase] = {}
        for name, rows in sorted(
            grouped[phase].items(),
            key=lambda item: ENDPOINTS.index(item[0]) if item[0] in ENDPOINTS else len(ENDPOINTS),
        ):
            times = [row["ms"] for row in rows]
            errors = Counter(
                row["error"] or f"HTTP {row['status']}"
                for row in rows
                if row["error"] or row["status"] >= 400 or row["status"] == 0
            )
            table[phase][name] = {
                "requests": len(rows),
                "rps": round(len(rows) / max(durations[phase], 0.001), 1),
                "p50": round(percentile(times, 0.50)),
                "p95": round(percentile(times, 0.95)),
                "p99": round(percentile(times, 0.99)),
                "max": round(max(times)),
                "server_errors": sum(1 for row in rows if row["status"] >= 500),
                "errors": dict(errors),
            }
    table["durations"] = {phase: {"seconds": round(value, 1)} for phase, value in durations.items()}
    return table


def print_figures(table: dict[str, dict[str, dict[str, Any]]]) -> None:
    for phase in ("steady", "fault", "recovery"):
        seconds = table["durations"][phase]["seconds"]
        print(f"\n{phase} ({seconds} s)")
        print(
            f"  {'endpoint':<16} {'reqs':>6} {'req/s':>6} {'p50':>6} {'p95':>6} {'p99':>6} "
            f"{'max':>6} {'5xx':>5}  errors"
        )
        for name, row in table[phase].items():
            errors = ", ".join(f"{kind} x{count}" for kind, count in row["errors"].items())
            print(
                f"  {name:<16} {row['requests']:>6} {row['rps']:>6} {row['p50']:>5}ms "
                f"{row['p95']:>4}ms {row['p99']:>4}ms {row['max']:>4}ms {row['server_errors']:>5}"
                f"  {errors or '-'}"
            )


# --- Checks ----------------------------------------------------------------------------------
def database_state(run: str) -> tuple[Counter[str], dict[str, list[int]] | None]:
    """Pledges of the run by address, and the outbox rows' statuses by address (None when the
    outbox table does not exist)."""
    import psycopg

    pattern = f"lt-{run}-%"
    with psycopg.connect(DATABASE_URL) as connection:
        rows = connection.execute(
            "SELECT email, count(*) FROM campaigns_pledge WHERE email LIKE %s GROUP BY email",
            [pattern],
        )
        pledges: Counter[str] = Counter(dict(rows))
        has_outbox = connection.execute(
            "SELECT to_regclass('public.post_office_email') IS NOT NULL"
        ).fetchone()
        if not has_outbox or not has_outbox[0]:
            return pledges, None
        outbox: dict[str, list[int]] = defaultdict(list)
        for to, status in connection.execute(
            'SELECT "to", status FROM post_office_email WHERE "to" LIKE %s', [f"%{pattern}"]
        ):
            for address in to.split(","):
                outbox[address.strip().lower()].append(status)
    return pledges, outbox


SENT = 0  # post_office.models.STATUS.sent


def drain(services: Services, run: str) -> None:
    """Wait until every pledge of the run has reached the SMTP sink and the outbox holds nothing
    still due, or LOADTEST_DRAIN_SECONDS have passed."""
    assert services.sink is not None
    deadline = time.monotonic() + DRAIN
    while time.monotonic() < deadline:
        pledges, outbox = database_state(run)
        delivered = all(services.sink.count(address) >= 1 for address in pledges)
        pending = outbox is not None and any(
            status != SENT for statuses in outbox.values() for status in statuses
        )
        if delivered and not pending:
            return
        time.sleep(2)
    log(f"the outbox did not drain within {DRAIN} s")


def checks(
    services: Services, run: str, accepted: list[dict[str, str]], table: dict[str, Any]
) -> dict[str, Any]:
    assert services.sink is not None
    pledges, outbox = database_state(run)
    accepted_addresses = Counter(entry["email"] for entry in accepted)
    result: dict[str, Any] = {
        "accepted": len(accepted),
        "accepted_by_form": sum(1 for entry in accepted if entry["channel"] == "form"),
        "accepted_by_api": sum(1 for entry in accepted if entry["channel"] == "api"),
        "pledges_in_database": sum(pledges.values()),
        "lost_pledges": sorted(address for address in accepted_addresses if not pledges[address]),
        "duplicated_pledges": sorted(address for address, count in pledges.items() if count > 1),
        # Committed although the client gave up waiting (a timeout in the fault window): not an
        # error, but each must still get its e-mail.
        "stored_but_not_acknowledged": sorted(set(pledges) - set(accepted_addresses)),
        "smtp_deliveries": sum(services.sink.count(address) for address in pledges),
        "emails_never_delivered": sorted(a for a in pledges if services.sink.count(a) == 0),
        "emails_delivered_twice": sorted(a for a in pledges if services.sink.count(a) > 1),
        "server_errors_after_recovery": table["recovery"].get("(all)", {}).get("server_errors", 0),
        "failed_requests_after_recovery": sum(
            table["recovery"].get("(all)", {}).get("errors", {}).values()
        ),
        "worker_starts": services.worker_starts,
    }
    if outbox is None:
        result["outbox"] = "no post_office_email table: the outbox checks were not run"
    else:
        result["outbox_rows"] = sum(len(statuses) for statuses in outbox.values())
        result["outbox_missing"] = sorted(a for a in pledges if not outbox.get(a.lower()))
        result["outbox_duplicated"] = sorted(
            a for a in pledges if len(outbox.get(a.lower(), [])) > 1
        )
        result["outbox_not_sent"] = sorted(
            a for a in pledges if any(status != SENT for status in outbox.get(a.lower(), []))
        )
    failures = [
        name
        for name in (
            "lost_pledges",
            "duplicated_pledges",
            "emails_never_delivered",
            "outbox_missing",
            "outbox_duplicated",
            "outbox_not_sent",
        )
        if result.get(name)
    ]
    if result["server_errors_after_recovery"] or result["failed_requests_after_recovery"]:
        failures.append("errors_after_recovery")
    if outbox is None:
        failures.append("outbox")
    if not accepted:
        failures.append("no pledge was accepted")
    result["failures"] = failures
    return result


def machine() -> dict[str, Any]:
    import psycopg

    with psycopg.connect(DATABASE_URL) as connection:
        row = connection.execute("SHOW server_version").fetchone()
    memory_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal:")
    )
    redis_version = subprocess.run(  # noqa: S603 - fixed argv, no shell
        [REDIS_SERVER, "--version"], capture_output=True, text=True, check=False
    ).stdout.split()
    return {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": os.cpu_count(),
        "ram_gb": round(memory_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "postgresql": row[0] if row else "?",
        "redis": next((part[2:] for part in redis_version if part.startswith("v=")), "?"),
        "load_average": [round(value, 1) for value in os.getloadavg()],
    }


def run_locust(services: Services, run: str, record: Path) -> dict[str, float]:
    """Locust for the whole run, with the faults injected on schedule; returns the timeline."""
    total = STEADY + FAULT + RECOVERY
    env = {
        **os.environ,
        "LOADTEST_RUN": run,
        "LOADTEST_RECORD": str(record),
        "LOADTEST_CAMPAIGN": CAMPAIGN,
    }
    argv = [str(BIN / "locust"), "-f", str(LOCUSTFILE), "--headless", "--only-summary"]
    argv += ["-u", str(USERS), "-r", str(USERS), "-t", f"{total}s", "--stop-timeout", "20"]
    argv += ["--host", f"http://127.0.0.1:{PORT}", "--csv", str(VAR / f"locust-{run}")]
    argv += ["--exit-code-on-error", "0", "--loglevel", "WARNING"]
    log(f"locust: {USERS} users, {STEADY} s steady, {FAULT} s fault window, {RECOVERY} s recovery")
    log(" ".join(shlex.quote(part) for part in argv))
    start = time.time()
    services.locust = subprocess.Popen(argv, cwd=ROOT, env=env, start_new_session=True)  # noqa: S603
    time.sleep(STEADY)

    fault_start = time.time()
    # The worker first, while tasks are flowing (one may be mid-send), then Redis under the web
    # processes, the beat and the queue, while the worker is gone.
    log("fault: worker killed (SIGKILL to its process group)")
    services.kill_worker()
    time.sleep(max(0.0, fault_start + 2 - time.time()))
    log("fault: Redis paused (SIGSTOP)")
    services.redis_signal(signal.SIGSTOP)
    time.sleep(max(0.0, fault_start + FAULT / 2 - time.time()))
    log("fault: Redis resumed (SIGCONT)")
    services.redis_signal(signal.SIGCONT)
    time.sleep(max(0.0, fault_start + FAULT * 2 / 3 - time.time()))
    log("fault: worker started again")
    services.start_worker()
    services.wait_worker_ready()
    restored = time.time()
    log(f"recovery: Redis and the worker back {restored - fault_start:.1f} s into the fault")

    services.locust.wait(timeout=total + 120)
    return {"start": start, "fault_start": fault_start, "restored": restored, "end": time.time()}


def markdown(path: Path) -> str:
    """The figures of a results file as the Markdown table of docs/performance.md."""
    summary = json.loads(path.read_text())
    lines = [
        "| phase | endpoint | requests | req/s | p50 | p95 | p99 | 5xx | other errors |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for phase in ("steady", "fault", "recovery"):
        seconds = summary["figures"]["durations"][phase]["seconds"]
        rows = summary["figures"][phase]
        for name in sorted(rows, key=lambda n: ENDPOINTS.index(n) if n in ENDPOINTS else 99):
            row = rows[name]
            others = {k: v for k, v in row["errors"].items() if not k.startswith("HTTP 5")}
            errors = ", ".join(f"{kind}: {count}" for kind, count in others.items()) or "0"
            label = f"**{name}**" if name == "(all)" else name
            lines.append(
                f"| {phase} ({seconds:g} s) | {label} | {row['requests']} | {row['rps']} | "
                f"{row['p50']} ms | {row['p95']} ms | {row['p99']} ms | {row['server_errors']} | "
                f"{errors} |"
            )
    return "\n".join(lines)


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "--markdown":
        print(markdown(Path(sys.argv[2])))
        return 0
    VAR.mkdir(parents=True, exist_ok=True)
    run = time.strftime("%Y%m%d%H%M%S")
    services = Services(run=run)
    try:
        services.sink = SmtpSink(SMTP_PORT)
        services.sink.start()
        services.start_redis()
        log(f"run {run}: redis-server pid {services.redis.pid if services.redis else '?'}")
        services.prepare()
        services.start_web_and_beat()
        services.start_worker()
        services.wait_healthy()
        services.wait_worker_ready()
        log(
            f"serve-prod up on http://127.0.0.1:{PORT}/ (pid {services.honcho.pid if services.honcho else '?'})"
        )
        about = machine()

        record = VAR / f"requests-{run}.json"
        timeline = run_locust(services, run, record)
        data = json.loads(record.read_text())
        table = figures(data["requests"], timeline)
        print_figures(table)

        log(f"draining the outbox (at most {DRAIN} s)")
        drain(services, run)
        result = checks(services, run, data["accepted"], table)
        about["load_average_after"] = [round(value, 1) for value in os.getloadavg()]
    finally:
        services.stop()

    summary = {"run": run, "machine": about, "users": USERS, "figures": table, "checks": result}
    (VAR / f"results-{run}.json").write_text(json.dumps(summary, indent=2))
    print("\nmachine:", json.dumps(about))
    print("checks:")
    for name, value in result.items():
        shown = (
            value if not isinstance(value, list) else (f"{len(value)} {value[:5]}" if value else 0)
        )
        print(f"  {name}: {shown}")
    print(f"\nresults in {VAR / f'results-{run}.json'}")
    return 1 if result["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
