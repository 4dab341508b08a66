"""Production by default: the `# Production` block of .env.example passes `check --deploy`, and
the settings refuse to start in production with the development key or no host names."""

from __future__ import annotations

import secrets
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from tests.coalition.test_settings import _settings_variables

ROOT = Path(__file__).resolve().parents[2]
SECRETS = {"SECRET_KEY", "EMAIL_HOST_PASSWORD"}  # left empty in the example, filled in here


def production_block() -> dict[str, str]:
    """The variables after the `# Production` line, unquoted as a shell would."""
    lines = (ROOT / ".env.example").read_text().splitlines()
    assert lines.count("# Production") == 1
    block: dict[str, str] = {}
    for line in lines[lines.index("# Production") + 1 :]:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        name, sign, value = line.partition("=")
        assert sign, f"not NAME=value: {line!r}"
        assert name not in block, f"{name} twice in the production block"
        words = shlex.split(value)
        assert len(words) <= 1, f"{name}: quote a value with spaces"
        block[name] = words[0] if words else ""
    return block


def _run(env: dict[str, str], tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # Only the block (and where to put files): nothing of this shell, pytest's DEBUG=true included.
    base = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "coalition.settings",
        "COALITION_VAR_DIR": str(tmp_path / "var"),
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    return subprocess.run(  # noqa: S603 - fixed argv
        [sys.executable, "manage.py", *args],
        env={**env, **base},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _with_secrets(block: dict[str, str]) -> dict[str, str]:
    return {**block, **{name: secrets.token_urlsafe(50) for name in SECRETS}}


def test_the_production_block_ends_the_example_and_names_real_settings():
    block = production_block()
    assert block["DEBUG"] == "false"
    unknown = set(block) - _settings_variables()
    assert not unknown, f"not read by coalition/settings.py: {sorted(unknown)}"
    # What a deployment must decide itself, whatever else it leaves at the defaults.
    assert {
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "CSRF_TRUSTED_ORIGINS",
        "SITE_URL",
        "DATABASE_URL",
        "CACHE_URL",
        "CELERY_BROKER_URL",
        "EMAIL_BACKEND",
        "DEFAULT_FROM_EMAIL",
        "SECURE_SSL_REDIRECT",
        "SECURE_COOKIES",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
        "SECURE_REFERRER_POLICY",
        "PERMISSIONS_POLICY",
        "BEHIND_PROXY",
    } <= set(block)
    assert int(block["SECURE_HSTS_SECONDS"]) >= 31536000
    empty = {name for name, value in block.items() if not value}
    assert empty == SECRETS, "only the secrets are left for the deployment to fill in"


def test_check_deploy_is_clean_with_the_production_block(tmp_path):
    result = _run(
        _with_secrets(production_block()), tmp_path, "check", "--deploy", "--fail-level", "WARNING"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr


def test_the_production_block_refuses_to_start_until_the_key_is_filled_in(tmp_path):
    result = _run(production_block(), tmp_path, "check")
    assert result.returncode != 0
    assert "ImproperlyConfigured: Set SECRET_KEY" in result.stderr


@pytest.mark.parametrize("hosts", ["", " , "])
def test_production_refuses_to_start_without_allowed_hosts(tmp_path, hosts):
    env = {**_with_secrets(production_block()), "ALLOWED_HOSTS": hosts}
    result = _run(env, tmp_path, "check")
    assert result.returncode != 0
    assert "ImproperlyConfigured: Set ALLOWED_HOSTS" in result.stderr


def test_debug_defaults_to_off(tmp_path):
    # No DEBUG at all, a real key and a host: production, so a traceback is never shown.
    env = {"SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "coalition.example.org"}
    result = _run(
        env,
        tmp_path,
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.DEBUG)",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
