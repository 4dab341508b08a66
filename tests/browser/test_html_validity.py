"""The Nu HTML Checker (vnu.jar, the W3C validator's engine) over every page the browser tests
visit, in English and Spanish, as each persona sees it: no error and no warning.

The HTML checked is what the server sent (the response body, not the DOM after scripts ran).
vnu.jar needs Java (Debian's `default-jre-headless`) and the jar itself, installed with
`make vnu` (npm `vnu-jar`, pinned, under var/tools/), or pointed at with VNU_JAR. Without them the
test is skipped locally and fails in CI, like the other browser tests. Every finding is written to
var/artifacts/vnu/ for review.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.browser.a11y_support import PAGES, sign_in, site_seed

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = Path(
    os.environ.get("VNU_JAR", ROOT / "var/tools/node_modules/vnu-jar/build/dist/vnu.jar")
)
REPORTS = ROOT / "var" / "artifacts" / "vnu"
PERSONAS = ["anonymous", "member", "staff"]


def _vnu() -> list[str]:
    java = shutil.which("java")
    reason = ""
    if java is None:
        reason = "no Java (apt-get install -y default-jre-headless)"
    elif not VNU_JAR.is_file():
        reason = f"no vnu.jar at {VNU_JAR} (run `make vnu`, or set VNU_JAR)"
    if reason:
        if os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}:
            pytest.fail(f"The HTML check cannot run in CI: {reason}", pytrace=False)
        pytest.skip(reason)
    return [str(java), "-Xss4m", "-jar", str(VNU_JAR)]


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_page_is_valid_html(
    page: Any, live_server: Any, tmp_path: Path, language: str
) -> None:
    vnu = _vnu()
    site = site_seed()
    files: dict[str, str] = {}
    for persona in PERSONAS:
        if persona != "anonymous":
            page.context.clear_cookies()
            sign_in(page.context, live_server.url, getattr(site, persona))
        for name, who, path in PAGES:
            if who != persona:
                continue
            url = f"{live_server.url}/{language}{path.format(**vars(site))}"
            response = page.goto(url)
            assert response is not None
            assert response.status == 200, url
            file = tmp_path / f"{name}.html"
            file.write_text(response.text(), encoding="utf-8")
            files[file.as_uri()] = url
    result = subprocess.run(  # noqa: S603 - fixed arguments, no shell
        [*vnu, "--format", "json", "--also-check-css", *sorted(str(f) for f in tmp_path.iterdir())],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    REPORTS.mkdir(parents=True, exist_ok=True)
    (REPORTS / f"{language}.json").write_text(
        json.dumps(messages, indent=2, ensure_ascii=False), encoding="utf-8"
    )
    findings = [
        f"{files.get(m.get('url', ''), m.get('url'))}:{m.get('lastLine')}: "
        f"{m['type']}/{m.get('subType', '')}: {m['message']} {m.get('extract', '')!r}"
        for m in messages
        if m["type"] != "info" or m.get("subType") == "warning"  # errors, fatal ones, warnings
    ]
    assert len(files) == len(PAGES)
    assert not findings, "\n".join(findings)
