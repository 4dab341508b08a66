"""One naming rule for template partials: a partial lives in an `includes/` folder (the root
`templates/includes/` when several apps use it, `templates/<app>/includes/` otherwise) and its
name has no leading underscore. Pages and partials are then told apart by their folder."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates"
INCLUDE = re.compile(r"""{%\s*include\s+["']([^"']+)["']""")


def test_no_partial_uses_an_underscore_name():
    offenders = [str(p.relative_to(TEMPLATES)) for p in TEMPLATES.rglob("_*.html")]
    assert not offenders


def test_every_included_template_is_in_an_includes_folder_and_exists():
    problems = []
    for page in TEMPLATES.rglob("*.html"):
        for name in INCLUDE.findall(page.read_text(encoding="utf-8")):
            if "/includes/" not in f"/{name}":
                problems.append(f"{page.relative_to(TEMPLATES)} includes {name}")
            elif not (TEMPLATES / name).exists():
                problems.append(f"{page.relative_to(TEMPLATES)} includes missing {name}")
    assert not problems, "\n".join(problems)
