from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from core.env import env_bool, env_int, env_list

ROOT = Path(__file__).resolve().parents[2]


def _settings_variables() -> set[str]:
    source = (ROOT / "coalition" / "settings.py").read_text()
    return set(
        re.findall(r'env_(?:str|bool|int|float|list|permissions_policy)\(\s*"([A-Z0-9_]+)"', source)
    )


def test_every_environment_variable_is_documented():
    variables = _settings_variables()
    assert "DATABASE_URL" in variables
    example = (ROOT / ".env.example").read_text()
    readme = (ROOT / "README.md").read_text()
    missing_example = {v for v in variables if not re.search(rf"^{v}=", example, re.M)}
    missing_readme = {v for v in variables if f"`{v}`" not in readme}
    assert not missing_example, f"not in .env.example: {sorted(missing_example)}"
    assert not missing_readme, f"not in the README table: {sorted(missing_readme)}"


def test_readme_starts_with_the_two_commands():
    head = "\n".join((ROOT / "README.md").read_text().splitlines()[:20])
    assert "make run" in head
    assert "make test" in head


@pytest.mark.parametrize(
    ("reader", "value"),
    [(lambda: env_bool("X_TEST", False), "maybe"), (lambda: env_int("X_TEST", 1), "ten")],
)
def test_malformed_values_fail_loudly(monkeypatch, reader, value):
    monkeypatch.setenv("X_TEST", value)
    with pytest.raises(ImproperlyConfigured, match="X_TEST"):
        reader()


def test_typed_readers_parse_values(monkeypatch):
    monkeypatch.setenv("X_TEST", "off")
    assert env_bool("X_TEST", True) is False
    monkeypatch.setenv("X_TEST", " a, b ,,c")
    assert env_list("X_TEST", []) == ["a", "b", "c"]
    monkeypatch.delenv("X_TEST")
    assert env_int("X_TEST", 7) == 7


def test_production_refuses_the_development_secret_key():
    import subprocess
    import sys

    result = subprocess.run(  # noqa: S603 - fixed argv
        [sys.executable, "-c", "import django, os; django.setup()"],
        env={
            "DJANGO_SETTINGS_MODULE": "coalition.settings",
            "DEBUG": "false",
            "PATH": "/usr/bin:/bin",
            "COALITION_VAR_DIR": str(ROOT / "var"),
        },
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
