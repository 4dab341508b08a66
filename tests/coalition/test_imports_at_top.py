"""Imports of project apps are written at the top of a module, where the layers contract
(`lint-imports`, `[tool.importlinter]` in pyproject.toml) sees them.

An import inside a function hides a dependency from the contract and usually dodges a cycle that
should have been resolved by moving code. Django itself needs two: `AppConfig.ready` (signals)
and migrations (which are not scanned).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROJECT_APPS = ("core", "coalition", "ratification", "partners", "maps", "campaigns")
ALLOWED_FUNCTIONS = {"ready"}  # AppConfig.ready


def _imports_inside_functions(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[str] = []
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if function.name in ALLOWED_FUNCTIONS and path.name == "apps.py":
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.ImportFrom):
                module = node.module or ""
                if node.level or module.split(".")[0] in PROJECT_APPS:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} {function.name}()")
            elif isinstance(node, ast.Import) and any(
                alias.name.split(".")[0] in PROJECT_APPS for alias in node.names
            ):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} {function.name}()")
    return found


def _project_modules() -> list[Path]:
    return [
        path
        for app in PROJECT_APPS
        for path in sorted((ROOT / app).rglob("*.py"))
        if "migrations" not in path.parts
    ]


def test_no_project_import_is_written_inside_a_function():
    offenders = [hit for path in _project_modules() for hit in _imports_inside_functions(path)]
    assert not offenders, "imports inside functions:\n" + "\n".join(offenders)


def test_the_scan_finds_an_import_inside_a_function(tmp_path, monkeypatch):
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    sample = tmp_path / "views.py"
    sample.write_text(
        "import partners.models\n"
        "def view():\n    from campaigns.selectors import x\n    import maps.cache\n"
        "def other():\n    from . import helpers\n    import json\n"
    )
    assert _imports_inside_functions(sample) == [
        "views.py:3 view()",
        "views.py:4 view()",
        "views.py:6 other()",
    ]


@pytest.mark.parametrize("name", ["apps.py", "signals.py"])
def test_only_app_config_ready_may_import_inside(tmp_path, monkeypatch, name):
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    sample = tmp_path / name
    sample.write_text("def ready(self):\n    from maps import signals\n")
    expected = [] if name == "apps.py" else [f"{name}:2 ready()"]
    assert _imports_inside_functions(sample) == expected
