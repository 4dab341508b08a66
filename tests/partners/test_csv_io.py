from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from partners.models import FocusArea, Partner
from partners.services.csv_io import EXPORT_COLUMNS, partners_export_csv, partners_import_csv
from tests.factories import (
    FocusAreaFactory,
    LanguageFactory,
    PartnerFactory,
    StaffFactory,
    UserFactory,
)

HEADER = "name,slug,kind,country,city,email,phone,focus_areas,languages,is_published\n"


@pytest.fixture
def vocab(db):
    FocusAreaFactory(slug="detention")
    FocusAreaFactory(slug="labour-rights")
    LanguageFactory(code="es")
    LanguageFactory(code="en", name="English")


def _rows(text):
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.django_db
def test_import_creates_and_updates_by_slug(vocab):
    PartnerFactory(slug="existing", name="Old Name", city="Puebla")
    data = (
        HEADER
        + "New Org,,union,GT,Guatemala City,a@example.org,+502 1234,detention;labour-rights,es;en,true\n"
        + "Renamed,existing,ngo,MX,Puebla,b@example.org,,detention,,false\n"
    )
    report = partners_import_csv(file=data, user=StaffFactory(), dry_run=False)
    assert report.is_valid, report.rows
    assert report.applied
    assert (report.created, report.updated) == (1, 1)
    created = Partner.objects.get(name="New Org")
    assert created.slug == "new-org"
    assert created.country == "GT"
    assert created.is_published is True
    assert sorted(created.focus_areas.values_list("slug", flat=True)) == [
        "detention",
        "labour-rights",
    ]
    assert sorted(created.languages.values_list("code", flat=True)) == ["en", "es"]
    updated = Partner.objects.get(slug="existing")
    assert updated.name == "Renamed"
    assert updated.phone == ""
    assert updated.is_published is False


@pytest.mark.django_db
def test_import_with_one_bad_row_applies_nothing_and_reports_it(vocab):
    existing = PartnerFactory(slug="existing", name="Untouched")
    data = (
        HEADER
        + "Good Org,,ngo,MX,Oaxaca,ok@example.org,,detention,es,true\n"
        + "Renamed,existing,ngo,MX,Puebla,,,,,\n"
        + "Bad Org,,spaceship,XX,Lima,not-an-email,,nosuch,zz,maybe\n"
    )
    count = Partner.objects.count()
    report = partners_import_csv(file=data, user=None, dry_run=False)
    assert not report.is_valid
    assert not report.applied
    assert Partner.objects.count() == count
    existing.refresh_from_db()
    assert existing.name == "Untouched"
    assert [row.row for row in report.error_rows] == [4]
    errors = report.error_rows[0].errors
    assert {"kind", "country", "email", "focus_areas", "languages", "is_published"} <= set(errors)
    assert "nosuch" in errors["focus_areas"][0]
    assert "nothing was applied" in report.summary()


@pytest.mark.django_db
def test_dry_run_changes_nothing(vocab):
    data = HEADER + "Dry Org,,ngo,MX,Oaxaca,,,,,\n"
    report = partners_import_csv(file=data, user=None, dry_run=True)
    assert report.is_valid
    assert report.created == 1
    assert not report.applied
    assert not Partner.objects.filter(name="Dry Org").exists()


@pytest.mark.django_db
def test_file_level_errors():
    assert partners_import_csv(file="", dry_run=True).file_errors
    report = partners_import_csv(file="name,colour\nX,red\n", dry_run=True)
    assert any("country" in e for e in report.file_errors)
    assert any("colour" in e for e in report.file_errors)
    assert partners_import_csv(file=b"\xff\xfe\x00bad", dry_run=True).file_errors


@pytest.mark.django_db
def test_duplicate_slug_in_file_is_an_error(vocab):
    data = "name,slug,country\nA,same,MX\nB,same,MX\n"
    report = partners_import_csv(file=data, dry_run=True)
    assert [row.row for row in report.error_rows] == [3]
    assert "row 2" in report.error_rows[0].errors["slug"][0]


@pytest.mark.django_db
def test_coordinates_pin_location(vocab):
    data = "name,country,latitude,longitude\nPinned,MX,19.5,-99.25\nHalf,MX,19.5,\n"
    report = partners_import_csv(file=data, dry_run=True)
    assert [row.row for row in report.error_rows] == [3]
    data = "name,country,latitude,longitude\nPinned,MX,19.5,-99.25\n"
    assert partners_import_csv(file=data, dry_run=False).applied
    partner = Partner.objects.get(name="Pinned")
    assert partner.latitude == Decimal("19.5")
    assert partner.location_source == Partner.LocationSource.MANUAL


@pytest.mark.django_db
def test_export_round_trips_without_changes(vocab):
    partner = PartnerFactory(
        slug="round",
        name='=HYPERLINK("http://evil")',
        phone="+52 55 1234 5678",
        latitude=Decimal("19.4"),
        longitude=Decimal("-99.1"),
        location_source=Partner.LocationSource.GEOCODER,
    )
    partner.focus_areas.add(*FocusArea.objects.filter(slug__in=["detention", "labour-rights"]))
    text = "".join(partners_export_csv(Partner.objects.all()))
    rows = _rows(text)
    assert list(rows[0]) == EXPORT_COLUMNS
    assert rows[0]["name"].startswith("'=")  # no formula runs in a spreadsheet
    assert rows[0]["phone"] == "+52 55 1234 5678"  # but phone numbers are left alone
    assert rows[0]["latitude"] == ""  # a geocoded point is not exported as if set by hand
    assert rows[0]["focus_areas"] == "detention;labour-rights"
    report = partners_import_csv(file=text, dry_run=False)
    assert report.is_valid, report.error_rows
    assert report.unchanged == 1
    partner.refresh_from_db()
    assert partner.name == '=HYPERLINK("http://evil")'
    assert partner.location_source == Partner.LocationSource.GEOCODER


@pytest.mark.django_db
def test_commands(tmp_path, vocab):
    PartnerFactory(slug="one", name="One")
    path = tmp_path / "partners.csv"
    call_command("export_partners", str(path))
    text = path.read_text()
    assert "one" in text
    bad = tmp_path / "bad.csv"
    bad.write_text("name,country\n,XX\n")
    with pytest.raises(CommandError):
        call_command("import_partners", str(bad))
    good = tmp_path / "good.csv"
    good.write_text("name,country,city\nFresh,CO,Bogotá\n")
    call_command("import_partners", str(good), "--dry-run")
    assert not Partner.objects.filter(name="Fresh").exists()
    call_command("import_partners", str(good))
    assert Partner.objects.filter(name="Fresh", country="CO").exists()


# --- staff pages -------------------------------------------------------------------------------


def test_csv_pages_are_staff_only(client, db):
    for url in ("/en/staff/partners/import/", "/en/staff/partners/export.csv"):
        response = client.get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]
        client.force_login(UserFactory())
        assert client.get(url).status_code == 403
        client.post(url, {"action": "apply", "content": "name,country\nSneaky,MX\n"})
        client.logout()
    assert not Partner.objects.filter(name="Sneaky").exists()


def test_staff_upload_preview_apply(client, vocab):
    client.force_login(StaffFactory())
    upload = io.BytesIO(
        "name,country,city\n<script>alert(1)</script>,MX,Oaxaca\n".encode("utf-8-sig")
    )
    upload.name = "partners.csv"
    response = client.post("/en/staff/partners/import/", {"file": upload})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert not Partner.objects.exists()  # preview only

    content = response.context["content"]
    response = client.post("/en/staff/partners/import/", {"action": "apply", "content": content})
    assert response.status_code == 302
    assert Partner.objects.get().name == "<script>alert(1)</script>"


def test_staff_apply_with_bad_row_shows_report(client, vocab):
    client.force_login(StaffFactory())
    content = "name,country\nFine,MX\nBroken,XX\n"
    response = client.post("/en/staff/partners/import/", {"action": "apply", "content": content})
    assert response.status_code == 200
    assert "Apply this import" not in response.content.decode()
    assert [row.row for row in response.context["report"].error_rows] == [3]
    assert not Partner.objects.exists()


def test_staff_export_download(client, db):
    PartnerFactory(name="Exported Org", email="private@example.org", show_email=False)
    client.force_login(StaffFactory())
    response = client.get("/en/staff/partners/export.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode()
    assert "Exported Org" in text
    assert "private@example.org" in text  # staff export is complete, unlike the public API
