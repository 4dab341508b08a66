"""The UNTC import services: preview, apply, reconciliation, history, failures."""

from __future__ import annotations

import csv
import datetime

import pytest

from ratification import treaties as catalogue
from ratification.models import SIGNATURE_KINDS, ActionKind, ImportRun, Treaty, TreatyAction
from ratification.services.imports import (
    TreatyImportError,
    treaty_import_apply,
    treaty_import_from_source,
    treaty_import_preview,
)
from ratification.status import count_by_status, derive_status
from ratification.untc import parse_status_page
from tests.factories import StaffFactory, TreatyActionFactory, TreatyFactory
from tests.ratification.untc_pages import CMW, FIXTURES, UNTC_DIR, cmw_changed, snapshot

pytestmark = pytest.mark.django_db


def _import(path, **kwargs) -> ImportRun:
    return treaty_import_from_source(source=str(path), **kwargs)


def _statuses(treaty: Treaty, on: datetime.date | None = None):
    return derive_status(
        TreatyAction.objects.filter(treaty=treaty),
        on=on,
        entry_into_force=treaty.entry_into_force_for_state,
    )


def test_cmw_import_matches_every_row_of_the_fixture():
    run = _import(CMW)

    assert run.status == ImportRun.Status.APPLIED
    treaty = Treaty.objects.get(slug="icrmw")
    assert (treaty.untc_reference, treaty.as_of) == ("IV-13", datetime.date(2026, 2, 3))
    assert (treaty.header_parties, treaty.header_signatories) == (60, 40)
    assert treaty.entry_into_force_on == datetime.date(2003, 7, 1)

    with (FIXTURES / "icrmw_status.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 71
    by_country: dict[str, list[TreatyAction]] = {}
    for action in TreatyAction.objects.filter(treaty=treaty):
        by_country.setdefault(action.country_code, []).append(action)
    assert sorted(by_country) == sorted(row["iso_alpha2"] for row in rows)

    for row in rows:
        code = row["iso_alpha2"]
        actions = by_country[code]
        signatures = [a for a in actions if a.kind in SIGNATURE_KINDS]
        if row["signature_date"]:
            assert [a.date.isoformat() for a in signatures] == [row["signature_date"]], code
        else:
            assert signatures == [], code
        consents = [a for a in actions if a.kind in {ActionKind.RATIFICATION, ActionKind.ACCESSION}]
        if row["action"]:
            assert [(a.kind, a.date.isoformat()) for a in consents] == [
                (row["action"], row["action_date"])
            ], code
        else:
            assert consents == [], code
        declarations = sorted(a.article for a in actions if a.kind == ActionKind.DECLARATION)
        expected = [
            article
            for article, column in (("76", "art76_declaration"), ("77", "art77_declaration"))
            if row[column] == "yes"
        ]
        assert declarations == expected, code
        # Nothing else was recorded for the state (no stray kinds).
        assert len(actions) == len(signatures) + len(consents) + len(declarations), code

    statuses = _statuses(treaty)
    counts = count_by_status(statuses.values())
    assert counts["party"] == 60
    assert counts["signatory"] == 11  # signed, not (yet) parties
    assert sum(1 for s in statuses.values() if s.signed_on) == 40
    assert sum(1 for s in statuses.values() if s.has_declaration("76")) == 4
    assert sum(1 for s in statuses.values() if s.has_declaration("77")) == 5


@pytest.mark.parametrize("entry", catalogue.CATALOGUE, ids=lambda e: e.slug)
def test_each_page_matches_its_own_header_counts(entry):
    path = UNTC_DIR / entry.file_name
    page = parse_status_page(path.read_bytes())

    run = _import(path, treaty_slug=entry.slug)

    assert run.status == ImportRun.Status.APPLIED
    treaty = Treaty.objects.get(slug=entry.slug)
    assert treaty.untc_reference == entry.untc_reference
    statuses = _statuses(treaty).values()
    parties = sum(1 for s in statuses if s.is_party)
    signatories = sum(1 for s in statuses if s.signed_on is not None)
    assert (parties, signatories) == (page.header_parties, page.header_signatories)
    assert (treaty.header_parties, treaty.header_signatories) == (parties, signatories)


def test_reimport_is_a_no_op():
    _import(CMW)
    before = snapshot()
    history_before = TreatyAction.history.count()

    run = _import(CMW)

    assert run.status == ImportRun.Status.NO_CHANGE
    assert (run.added_count, run.changed_count, run.missing_count) == (0, 0, 0)
    assert run.unchanged_count == TreatyAction.objects.count() == 109
    assert snapshot() == before
    assert TreatyAction.history.count() == history_before


def test_changed_page_updates_only_what_changed_and_keeps_history(tmp_path):
    _import(CMW)
    untouched = {a.pk: a.updated_at for a in TreatyAction.objects.exclude(country__in=["MX", "AM"])}
    staff = StaffFactory()

    run = _import(cmw_changed(tmp_path), user=staff)

    assert run.status == ImportRun.Status.APPLIED
    assert (run.added_count, run.changed_count, run.missing_count) == (0, 1, 1)
    assert run.diff["changed"][0] | {"id": None} == {
        "id": None,
        "country": "MX",
        "name": "Mexico",
        "kind": "ratification",
        "article": "",
        "old_date": "1999-03-08",
        "new_date": "1999-03-09",
        "old_text": "",
        "new_text": "",
    }
    assert [(m["country"], m["kind"], m["date"]) for m in run.diff["missing"]] == [
        ("AM", "signature", "2013-09-26")
    ]
    mexico = TreatyAction.objects.get(country="MX", kind=ActionKind.RATIFICATION)
    assert mexico.date == datetime.date(1999, 3, 9)
    assert not TreatyAction.objects.filter(country="AM").exists()
    assert {
        a.pk: a.updated_at for a in TreatyAction.objects.exclude(country__in=["MX", "AM"])
    } == untouched

    history = list(mexico.history.order_by("history_date"))
    assert [(h.history_type, h.date) for h in history] == [
        ("+", datetime.date(1999, 3, 8)),
        ("~", datetime.date(1999, 3, 9)),
    ]
    assert history[-1].history_user == staff
    removed = TreatyAction.history.filter(country="AM").order_by("history_date")
    assert [(h.history_type, h.date) for h in removed] == [
        ("+", datetime.date(2013, 9, 26)),
        ("-", datetime.date(2013, 9, 26)),
    ]


def test_preview_writes_no_treaty_data_and_apply_then_does():
    TreatyFactory()
    before = snapshot()

    run = treaty_import_preview(
        page=parse_status_page(CMW.read_bytes()), treaty=None, source="cmw.html"
    )

    assert run.status == ImportRun.Status.PREVIEWED
    assert run.added_count == 109
    assert snapshot() == before
    assert run.diff["treaty"][0]["field"] in {"name", "as_of"}

    applied = treaty_import_apply(run=run)

    assert applied.status == ImportRun.Status.APPLIED
    assert applied.applied_at is not None
    assert TreatyAction.objects.count() == 109


def test_import_into_empty_database_creates_the_treaty_from_the_catalogue():
    assert not Treaty.objects.exists()

    _import(CMW, dry_run=True)
    assert not Treaty.objects.exists()

    _import(CMW)
    treaty = Treaty.objects.get()
    assert (treaty.slug, treaty.eif_delay_months, treaty.eif_first_of_next_month) == (
        "icrmw",
        3,
        True,
    )
    assert treaty.source_url.endswith("mtdsg_no=IV-13&chapter=4&clang=_en")


def test_stale_preview_is_refused_and_nothing_is_written():
    _import(CMW)
    run = _import(CMW, dry_run=True)
    # Someone edits an action after the preview was made.
    action = TreatyAction.objects.get(country="MX", kind=ActionKind.RATIFICATION)
    action.date = datetime.date(1999, 1, 1)
    action.save()
    before = snapshot()

    with pytest.raises(TreatyImportError, match="changed after import"):
        treaty_import_apply(run=run)

    assert snapshot() == before
    run.refresh_from_db()
    assert run.status == ImportRun.Status.FAILED
    assert "changed after import" in run.error


def test_an_applied_run_cannot_be_applied_again():
    run = _import(CMW)
    with pytest.raises(TreatyImportError, match="only a previewed import"):
        treaty_import_apply(run=run)


def test_page_for_another_treaty_is_an_error():
    TreatyFactory(slug="cedaw", short_name="CEDAW", untc_reference="IV-8")
    before = snapshot()

    with pytest.raises(TreatyImportError, match="IV-13") as info:
        _import(CMW, treaty_slug="cedaw")

    assert snapshot() == before
    assert info.value.run is not None
    assert info.value.run.status == ImportRun.Status.FAILED
    assert "IV-8" in info.value.run.error


def test_unknown_treaty_slug_is_an_error():
    with pytest.raises(TreatyImportError, match="Unknown treaty"):
        _import(CMW, treaty_slug="nope")
    assert ImportRun.objects.get().status == ImportRun.Status.FAILED


def test_url_source_is_fetched_through_the_fetch_boundary(monkeypatch):
    calls = []

    def fake_fetch(url):
        calls.append(url)
        return CMW.read_bytes()

    monkeypatch.setattr("ratification.untc.source.fetch_url", fake_fetch)
    url = catalogue.BY_SLUG["icrmw"].source_url

    run = treaty_import_from_source(source=url, treaty_slug="icrmw")

    assert calls == [url]
    assert run.status == ImportRun.Status.APPLIED
    assert TreatyAction.objects.filter(source_url=url).count() == 109


def test_actions_not_on_the_page_are_reported_missing_and_removed():
    treaty = TreatyFactory()
    TreatyActionFactory(treaty=treaty, country="US", kind=ActionKind.SIGNATURE)

    run = _import(CMW)

    assert [m["country"] for m in run.diff["missing"]] == ["US"]
    # The one display name (issue 15, item 11), not django-countries' "United States of America".
    assert run.diff["missing"][0]["name"] == "United States"
    assert not TreatyAction.objects.filter(country="US").exists()


def test_apply_sends_the_status_changes_inside_its_transaction(tmp_path):
    from django.db import connection

    from ratification.signals import treaty_record_applied

    _import(CMW)
    received = []

    def receiver(sender, *, treaty, run, changes, **kwargs):
        received.append((treaty.untc_reference, run.pk, changes, connection.in_atomic_block))

    treaty_record_applied.connect(receiver)
    try:
        run = _import(cmw_changed(tmp_path))
        _import(cmw_changed(tmp_path))  # nothing changed: nothing is sent
    finally:
        treaty_record_applied.disconnect(receiver)

    # Mexico's ratification moved a day (still a party: no status change); Armenia's signature
    # went, so Armenia went from signatory to no action.
    assert received == [
        (
            "IV-13",
            run.pk,
            [
                {
                    "type": "status",
                    "country": "AM",
                    "before": "signatory",
                    "after": "none",
                    "date": None,
                }
            ],
            True,
        )
    ]
