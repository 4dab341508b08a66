"""The production shape as written: the Procfile, the gunicorn settings and docs/deploy.md agree.

`make serve-prod` and `make loadtest` start it for real; these checks keep the words and the
files in step: every variable any process reads is in docs/deploy.md, beat is a process of its
own, and gunicorn's worker count follows the cores.
"""

from __future__ import annotations

import re
import runpy
from pathlib import Path

import pytest

from tests.coalition.test_settings import _settings_variables

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "docs" / "deploy.md"
GUNICORN_CONF = ROOT / "deploy" / "gunicorn.conf.py"


def _procfile() -> dict[str, str]:
    entries = {}
    for line in (ROOT / "Procfile").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, command = line.partition(":")
            entries[name.strip()] = command.strip()
    return entries


def _deploy_variables() -> set[str]:
    """What the processes read besides the settings: gunicorn's config and the Procfile."""
    names = set(re.findall(r'os\.environ\.get\(\s*"([A-Z0-9_]+)"', GUNICORN_CONF.read_text()))
    for command in _procfile().values():
        names |= set(re.findall(r"\$\{([A-Z0-9_]+)", command))
    return names


def test_every_variable_is_in_the_deploy_guide():
    text = DEPLOY.read_text()
    variables = _settings_variables() | _deploy_variables()
    assert {"DATABASE_URL", "GUNICORN_BIND", "CELERY_WORKER_CONCURRENCY"} <= variables
    missing = sorted(name for name in variables if f"`{name}`" not in text)
    assert not missing, f"not in docs/deploy.md: {missing}"


def test_the_readme_links_the_deploy_guide():
    assert "(docs/deploy.md)" in (ROOT / "README.md").read_text()


def test_the_procfile_runs_web_worker_and_one_beat_of_its_own():
    entries = _procfile()
    assert set(entries) == {"web", "worker", "beat"}
    assert "gunicorn --config deploy/gunicorn.conf.py coalition.wsgi" in entries["web"]
    assert "celery -A coalition worker" in entries["worker"]
    # Beat inside a worker (-B) would run once per worker process started: never.
    assert " -B" not in entries["worker"]
    assert "--beat" not in entries["worker"]
    assert "celery -A coalition beat" in entries["beat"]


@pytest.mark.parametrize(("cores", "workers"), [(1, 3), (2, 5), (4, 9), (16, 12)])
def test_gunicorn_workers_follow_the_cores_up_to_a_cap(monkeypatch, cores, workers):
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    monkeypatch.delenv("WEB_MAX", raising=False)
    monkeypatch.setattr("multiprocessing.cpu_count", lambda: cores)
    config = runpy.run_path(str(GUNICORN_CONF))
    assert config["workers"] == workers
    assert config["worker_class"] == "sync"
    assert 0 < config["timeout"] <= 60
    assert config["accesslog"] == "-"


def test_gunicorn_workers_can_be_set_exactly(monkeypatch):
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    assert runpy.run_path(str(GUNICORN_CONF))["workers"] == 3
