"""`make serve-prod`'s set-up (scripts/serve_prod.py): DEBUG off whatever the shell says, a
generated key kept private and reused, and an environment file honcho reads back unchanged."""

from __future__ import annotations

import importlib.util
import stat
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _serve_prod() -> ModuleType:
    spec = importlib.util.spec_from_file_location("serve_prod", ROOT / "scripts" / "serve_prod.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_secret_key_is_generated_once_private_and_not_the_development_key(tmp_path):
    serve_prod = _serve_prod()
    key = serve_prod.secret_key(tmp_path)
    assert len(key) >= 50
    assert "insecure" not in key
    assert stat.S_IMODE((tmp_path / "secret_key").stat().st_mode) == 0o600
    assert serve_prod.secret_key(tmp_path) == key


def test_debug_is_off_whatever_the_shell_says(tmp_path, monkeypatch):
    monkeypatch.setenv("DEBUG", "true")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("SERVE_PROD_PORT", "8123")
    # `make test-services` exports its own services; serve-prod would honour them.
    for name in ("CACHE_URL", "CELERY_BROKER_URL", "CELERY_RESULT_BACKEND", "DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    env = _serve_prod().environment(tmp_path)
    assert env["DEBUG"] == "false"
    assert env["SECRET_KEY"] == (tmp_path / "secret_key").read_text().strip()
    assert env["ALLOWED_HOSTS"] == "127.0.0.1,localhost"
    assert env["SITE_URL"] == "http://127.0.0.1:8123"
    assert env["GUNICORN_BIND"] == "127.0.0.1:8123"
    assert env["COALITION_VAR_DIR"] == str(tmp_path)
    # Not the machine's Redis databases of `make test-services` (1-3).
    assert env["CACHE_URL"].endswith("/14")
    assert env["CELERY_BROKER_URL"].endswith("/15")


def test_honcho_reads_the_environment_file_back_unchanged(tmp_path, monkeypatch):
    environ = pytest.importorskip("honcho.environ")
    monkeypatch.setenv("DEFAULT_FROM_EMAIL", "Coalition <noreply@example.org>")
    serve_prod = _serve_prod()
    env = serve_prod.environment(tmp_path)
    env["DEFAULT_FROM_EMAIL"] = "Coalition <noreply@example.org>"
    env["AWKWARD"] = 'it\'s "quoted" $HOME; and spaced'
    path = tmp_path / "serve-prod.env"
    serve_prod.write_env_file(path, env)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert environ.parse(path.read_text()) == env
