"""Staff import area: list, upload and review, apply; access for outsiders and members."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ratification.models import ImportRun, TreatyAction
from ratification.services.imports import treaty_import_from_source
from tests.factories import StaffFactory, UserFactory
from tests.ratification.untc_pages import CMW, cmw_changed, snapshot

pytestmark = pytest.mark.django_db

LIST = reverse("ratification:import-list")
UPLOAD = reverse("ratification:import-upload")


def _detail(pk: int) -> str:
    return reverse("ratification:import-detail", kwargs={"pk": pk})


@pytest.fixture
def staff_client(client):
    client.force_login(StaffFactory())
    return client


def _upload(client, path=CMW, name="cmw.html", **extra):
    page = SimpleUploadedFile(name, path.read_bytes(), content_type="text/html")
    return client.post(UPLOAD, {"page": page, **extra})


@pytest.mark.parametrize("url", [LIST, UPLOAD, "detail"])
def test_anonymous_visitors_are_sent_to_sign_in(client, url):
    run = ImportRun.objects.create(source="x", status=ImportRun.Status.FAILED)
    response = client.get(_detail(run.pk) if url == "detail" else url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("url", [LIST, UPLOAD])
def test_members_who_are_not_staff_are_refused(client, url):
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403


def test_non_staff_cannot_apply(client):
    run = treaty_import_from_source(source=str(CMW), dry_run=True)
    client.force_login(UserFactory())

    assert client.post(_detail(run.pk)).status_code == 403
    assert not TreatyAction.objects.exists()


def test_upload_previews_then_apply_updates_the_data(staff_client):
    response = _upload(staff_client, treaty="")

    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _detail(run.pk)
    assert run.status == ImportRun.Status.PREVIEWED
    assert run.source == "upload: cmw.html"
    assert not TreatyAction.objects.exists()

    page = staff_client.get(_detail(run.pk))
    body = page.content.decode()
    assert page.status_code == 200
    assert "Apply" in body
    assert "Mexico (MX)" in body
    assert "Ratification" in body
    assert "csrfmiddlewaretoken" in body

    response = staff_client.post(_detail(run.pk), follow=True)

    assert response.status_code == 200
    assert "Applied: the treaty data is updated." in response.content.decode()
    run.refresh_from_db()
    assert run.status == ImportRun.Status.APPLIED
    assert run.created_by is not None
    assert TreatyAction.objects.count() == 109
    assert 'type="submit">Apply' not in response.content.decode()


def test_changed_page_diff_is_shown_before_applying(staff_client, tmp_path):
    treaty_import_from_source(source=str(CMW))
    before = snapshot()

    _upload(staff_client, path=cmw_changed(tmp_path), treaty="icrmw")

    run = ImportRun.objects.latest("pk")
    body = staff_client.get(_detail(run.pk)).content.decode()
    assert "1999-03-08" in body
    assert "1999-03-09" in body
    assert "Armenia (AM)" in body
    assert "No longer listed" in body
    assert snapshot() == before


def test_stale_preview_shows_an_error_and_writes_nothing(staff_client):
    treaty_import_from_source(source=str(CMW))
    run = treaty_import_from_source(source=str(CMW), dry_run=True)
    TreatyAction.objects.filter(country="MX").delete()
    before = snapshot()

    response = staff_client.post(_detail(run.pk), follow=True)

    assert "changed after import" in response.content.decode()
    assert snapshot() == before
    run.refresh_from_db()
    assert run.status == ImportRun.Status.FAILED


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"<html><body>Holiday photos</body></html>", "not a UNTC status page"),
        (CMW.read_bytes()[:20000], "truncated"),
        (CMW.read_bytes().replace(b"<td>Armenia<br></td>", b"<td>Atlantis<br></td>"), "Atlantis"),
    ],
)
def test_bad_upload_is_a_form_error(staff_client, content, message):
    page = SimpleUploadedFile("page.html", content, content_type="text/html")

    response = staff_client.post(UPLOAD, {"page": page})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert ImportRun.objects.get().status == ImportRun.Status.FAILED
    assert not TreatyAction.objects.exists()


def test_empty_and_oversized_uploads_are_refused(staff_client, monkeypatch):
    empty = SimpleUploadedFile("page.html", b"", content_type="text/html")
    assert (
        "The submitted file is empty."
        in staff_client.post(UPLOAD, {"page": empty}).content.decode()
    )

    monkeypatch.setattr("ratification.forms.MAX_PAGE_BYTES", 100)
    big = SimpleUploadedFile("page.html", b"x" * 101, content_type="text/html")
    assert "larger than 10 MB" in staff_client.post(UPLOAD, {"page": big}).content.decode()
    assert not ImportRun.objects.exists()


def test_wrong_treaty_choice_is_a_form_error(staff_client):
    from ratification.services.catalogue import treaty_sync_from_catalogue
    from ratification.treaties import BY_SLUG

    treaty_sync_from_catalogue(entry=BY_SLUG["cedaw"])

    response = _upload(staff_client, treaty="cedaw")

    assert response.status_code == 200
    assert "IV-13" in response.content.decode()
    assert not TreatyAction.objects.exists()


def test_list_shows_every_run_with_its_counts(staff_client, django_assert_max_num_queries):
    applied = treaty_import_from_source(source=str(CMW))
    failed = ImportRun.objects.create(
        source="https://treaties.un.org/x", status=ImportRun.Status.FAILED, error="boom"
    )

    with django_assert_max_num_queries(8):
        response = staff_client.get(LIST)

    body = response.content.decode()
    assert response.status_code == 200
    assert "ICRMW" in body
    assert "https://treaties.un.org/x" in body
    assert _detail(applied.pk) in body
    assert _detail(failed.pk) in body
    assert "109" in body


def test_failed_run_shows_its_error_read_only(staff_client):
    run = ImportRun.objects.create(
        source="<script>alert(1)</script>", status=ImportRun.Status.FAILED, error="No such file"
    )

    body = staff_client.get(_detail(run.pk)).content.decode()

    assert "No such file" in body
    assert "<script>alert(1)</script>" not in body
    assert 'type="submit">Apply' not in body
    assert staff_client.post(_detail(run.pk)).status_code == 302
    run.refresh_from_db()
    assert run.status == ImportRun.Status.FAILED


@pytest.mark.parametrize(
    ("lang", "labels"),
    [
        ("en", ["Parties per source", "Signatories per source", "Status as at"]),
        ("es", ["Partes según la fuente", "Signatarios según la fuente", "Situación al"]),
    ],
)
def test_treaty_changes_show_human_labels_not_field_names(staff_client, lang, labels):
    # A first import changes the treaty's header counts (none → the page's), so the diff has
    # treaty-level rows; staff read them as labels in their language, never as model fields.
    run = treaty_import_from_source(source=str(CMW), dry_run=True)
    assert {c["field"] for c in run.diff["treaty"]} >= {"header_parties", "header_signatories"}

    url = reverse("ratification:import-detail", kwargs={"pk": run.pk}).replace("/en/", f"/{lang}/")
    body = staff_client.get(url).content.decode()

    for label in labels:
        assert label in body
    for field in ("header_parties", "header_signatories", "as_of"):
        assert field not in body


def test_a_field_the_model_no_longer_has_keeps_its_stored_name():
    from django.utils import translation

    from ratification.selectors.imports import treaty_field_label

    with translation.override("en"):
        assert treaty_field_label("header_parties") == "Parties per source"
        assert treaty_field_label("retired_field") == "retired_field"
