"""Layering: treaty data sits below partners. `ratification` must import nothing from
`partners` (nor from `maps`, which builds on both); pages that show both are composed in
`coalition/`. An import-linter-style scan of the source, so a violation fails the suite."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

LOWER_LAYER_MAY_NOT_IMPORT = {"ratification": {"partners", "maps"}}


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("app", sorted(LOWER_LAYER_MAY_NOT_IMPORT))
def test_lower_layers_do_not_import_higher_ones(app):
    forbidden = LOWER_LAYER_MAY_NOT_IMPORT[app]
    offenders = []
    for path in sorted((ROOT / app).rglob("*.py")):
        for module in _imported_modules(path):
            if module.split(".")[0] in forbidden:
                offenders.append(f"{path.relative_to(ROOT)} imports {module}")
    assert not offenders, "\n".join(offenders)


def test_the_scan_sees_imports(tmp_path):
    sample = tmp_path / "m.py"
    sample.write_text("import partners.models\nfrom partners import selectors\nfrom . import x\n")
    assert _imported_modules(sample) == {"partners.models", "partners"}
