"""Helpers for the import tests: the shipped UNTC pages, edited copies of them, DB snapshots."""

from __future__ import annotations

import re
from pathlib import Path

from ratification.models import Treaty, TreatyAction

UNTC_DIR = Path(__file__).resolve().parents[2] / "ratification" / "data" / "untc"
CMW = UNTC_DIR / "cmw.html"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def cmw_text() -> str:
    return CMW.read_text(encoding="utf-8")


def write_page(tmp_path: Path, text: str, name: str = "page.html") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def cmw_changed(tmp_path: Path) -> Path:
    """cmw.html with Mexico's ratification moved one day and Armenia (a signatory) removed."""
    text = cmw_text()
    text, n = re.subn(r"&nbsp;8 Mar\t 1999", "&nbsp;9 Mar\t 1999", text)
    assert n == 1
    text, n = re.subn(r'<tr class="trBGGrey">\s*<td>Armenia<br></td>.*?</tr>', "", text, flags=re.S)
    assert n == 1
    # The parser cross-checks the table against the header, so the header follows the edit.
    text, n = re.subn(r"(Signatories :\s*)40\.", r"\g<1>39.", text)
    assert n == 1
    return write_page(tmp_path, text, "cmw-changed.html")


def snapshot() -> tuple[list[tuple], list[tuple]]:
    """Every treaty action and treaty row, to compare a database before and after."""
    actions = list(
        TreatyAction.objects.order_by("pk").values_list(
            "pk", "treaty_id", "country", "kind", "article", "date", "text", "updated_at"
        )
    )
    treaties = list(Treaty.objects.order_by("pk").values_list())
    return actions, treaties
