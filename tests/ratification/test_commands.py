"""`import_untc` and `load_reference_data`: output, exit status, and what they leave behind."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ratification.models import ImportRun, Treaty, TreatyAction
from tests.ratification.untc_pages import CMW, cmw_changed, cmw_text, snapshot, write_page

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = StringIO()
    call_command("import_untc", *args, stdout=out)
    return out.getvalue()


def test_import_prints_the_diff_and_applies_it():
    output = _run(str(CMW), "--treaty", "icrmw")

    assert "icrmw (UNTC IV-13), status as at 2026-02-03" in output
    assert "added: 109  changed: 0  unchanged: 0  no longer listed: 0" in output
    assert "  + MX Mexico: ratification 1999-03-08" in output
    assert "  + MX Mexico: declaration art. 77" in output
    assert "Applied import #" in output
    assert TreatyAction.objects.count() == 109


def test_second_import_reports_nothing_changed():
    _run(str(CMW))
    before = snapshot()
    history = TreatyAction.history.count()

    output = _run(str(CMW))

    assert "added: 0  changed: 0  unchanged: 109  no longer listed: 0" in output
    assert "Nothing changed" in output
    assert snapshot() == before
    assert TreatyAction.history.count() == history


def test_dry_run_writes_no_treaty_data(tmp_path):
    _run(str(CMW))
    before = snapshot()
    history = TreatyAction.history.count()

    output = _run(str(cmw_changed(tmp_path)), "--dry-run")

    assert "added: 0  changed: 1  unchanged: 107  no longer listed: 1" in output
    assert "  ~ MX Mexico: ratification 1999-03-08 -> 1999-03-09" in output
    assert "  - AM Armenia: signature 2013-09-26 (no longer listed)" in output
    assert "Dry run" in output
    assert snapshot() == before
    assert TreatyAction.history.count() == history
    # Documented choice: a dry run leaves a PREVIEWED run as its audit trail.
    assert ImportRun.objects.latest("pk").status == ImportRun.Status.PREVIEWED


def test_dry_run_into_an_empty_database_creates_nothing():
    _run(str(CMW), "--dry-run")

    assert not Treaty.objects.exists()
    assert not TreatyAction.objects.exists()


def _bad_pages(tmp_path):
    text = cmw_text()
    return {
        "not-untc": write_page(tmp_path, "<html><body><h1>Hello</h1></body></html>", "a.html"),
        "truncated": write_page(tmp_path, text[: len(text) // 2], "b.html"),
        "empty": write_page(tmp_path, "", "c.html"),
        "unknown-participant": write_page(
            tmp_path, text.replace("<td>Armenia<br></td>", "<td>Atlantis<br></td>"), "d.html"
        ),
        "missing-file": tmp_path / "no-such-page.html",
    }


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("not-untc", "not a UNTC status page"),
        ("truncated", "truncated"),
        ("empty", "empty"),
        ("unknown-participant", "Atlantis"),
        ("missing-file", "No such file"),
    ],
)
def test_bad_input_exits_non_zero_and_leaves_the_data_as_it_was(tmp_path, kind, message):
    _run(str(CMW))
    before = snapshot()
    history = TreatyAction.history.count()

    with pytest.raises(CommandError, match=message) as info:
        _run(str(_bad_pages(tmp_path)[kind]), "--treaty", "icrmw")

    assert "nothing changed" in str(info.value)
    assert snapshot() == before
    assert TreatyAction.history.count() == history
    failed = ImportRun.objects.latest("pk")
    assert failed.status == ImportRun.Status.FAILED
    assert message in failed.error


def test_bad_input_exits_non_zero_from_the_command_line(tmp_path):
    from django.core.management import execute_from_command_line

    with pytest.raises(SystemExit) as info:
        execute_from_command_line(
            ["manage.py", "import_untc", str(tmp_path / "missing.html"), "--skip-checks"]
        )
    assert info.value.code != 0


def test_wrong_treaty_is_refused():
    with pytest.raises(CommandError, match="IV-13"):
        _run(str(CMW), "--treaty", "cedaw")
    assert not TreatyAction.objects.exists()


def test_load_reference_data_is_idempotent():
    out = StringIO()
    call_command("load_reference_data", stdout=out)
    first = out.getvalue()
    assert Treaty.objects.count() == 18
    assert "icrmw      imported  as at 2026-02-03  parties 60  signatories 40" in first
    before = snapshot()
    history = TreatyAction.history.count()

    out = StringIO()
    call_command("load_reference_data", stdout=out)

    assert "icrmw      skipped" in out.getvalue()
    assert snapshot() == before
    assert TreatyAction.history.count() == history

    call_command("load_reference_data", "--force", stdout=StringIO())
    assert snapshot() == before
    assert TreatyAction.history.count() == history
