"""pyproject.toml states its licence as an SPDX expression (PEP 639), and the installed metadata
carries it: setuptools older than 77 or the old `{ text = ... }` table would write the deprecated
`License` field instead (and print a deprecation warning on every install)."""

from __future__ import annotations

import importlib.metadata
import tomllib
from pathlib import Path

from packaging.licenses import canonicalize_license_expression

ROOT = Path(__file__).resolve().parents[2]


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_the_licence_is_one_spdx_expression():
    project = _pyproject()["project"]
    assert isinstance(project["license"], str)
    assert canonicalize_license_expression(project["license"]) == project["license"]
    assert not [c for c in project.get("classifiers", []) if c.startswith("License ::")]


def test_the_installed_metadata_carries_the_expression_not_the_deprecated_field():
    metadata = importlib.metadata.metadata("coalition")
    assert metadata["License-Expression"] == _pyproject()["project"]["license"]
    assert metadata.get("License") is None
