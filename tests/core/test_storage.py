"""Uploads: a failed write leaves no file, and materials are served with DEBUG off, typed and
`nosniff` (issue 13, "Files")."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from campaigns.models import Material
from campaigns.services.campaigns import material_save
from core.storage import SafeFileSystemStorage
from tests.campaigns.factories import CampaignFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n" + b"x" * 5000


class FailingMidWay(ContentFile):
    """Content whose second chunk fails as a full disk does: the first is already written."""

    def chunks(self, chunk_size=None):
        yield b"%PDF-1.7\n" + b"x" * 1000
        raise OSError(errno.ENOSPC, "No space left on device")


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


def test_a_write_failing_part_way_leaves_no_file(tmp_path):
    storage = SafeFileSystemStorage(location=tmp_path)
    with pytest.raises(OSError, match="No space left"):
        storage.save("materials/flyer.pdf", FailingMidWay(b""))
    assert _files(tmp_path) == []


def test_a_complete_write_leaves_only_the_file(tmp_path):
    storage = SafeFileSystemStorage(location=tmp_path)
    name = storage.save("materials/flyer.pdf", ContentFile(PDF))
    assert name == "materials/flyer.pdf"
    assert _files(tmp_path) == [tmp_path / "materials" / "flyer.pdf"]
    assert (tmp_path / name).read_bytes() == PDF


def test_a_taken_name_is_never_replaced(tmp_path):
    storage = SafeFileSystemStorage(location=tmp_path)
    first = storage.save("flyer.pdf", ContentFile(b"first"))
    second = storage.save("flyer.pdf", ContentFile(b"second"))
    assert first != second
    assert (tmp_path / first).read_bytes() == b"first"
    assert (tmp_path / second).read_bytes() == b"second"
    assert len(_files(tmp_path)) == 2


def test_a_material_the_storage_refuses_is_a_form_error_with_nothing_stored(
    settings, tmp_path, monkeypatch
):
    settings.MEDIA_ROOT = tmp_path
    campaign = CampaignFactory()
    upload = SimpleUploadedFile("flyer.pdf", PDF, content_type="application/pdf")
    material = Material(campaign=campaign, title="Flyer", language="en")

    def refuse(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(SafeFileSystemStorage, "_save", refuse)
    with pytest.raises(ValidationError) as caught:
        material_save(material=material, upload=upload)
    assert "could not be stored" in caught.value.message_dict["file"][0]
    assert not Material.objects.exists()
    assert _files(tmp_path) == []


def test_a_material_whose_row_fails_takes_its_file_away(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("flyer.pdf", PDF, content_type="application/pdf")
    material = Material(campaign=CampaignFactory(), title="", language="en")  # title required
    with pytest.raises(ValidationError):
        material_save(material=material, upload=upload)
    assert _files(tmp_path) == []


@override_settings(DEBUG=False)
def test_materials_are_served_with_debug_off(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("flyer.pdf", PDF, content_type="application/pdf")
    material = material_save(
        material=Material(campaign=CampaignFactory(), title="Flyer", language="en"), upload=upload
    )
    response = client.get(material.file.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == 'inline; filename="flyer.pdf"'
    assert b"".join(response.streaming_content) == PDF
    assert client.head(material.file.url).status_code == 200


@override_settings(DEBUG=False)
def test_other_files_are_downloaded_never_shown(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "page.html").write_text("<script>alert(1)</script>")
    response = client.get("/media/page.html")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == 'attachment; filename="page.html"'
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "path",
    ["/media/missing.pdf", "/media/../settings.py", "/media/%2e%2e/x", "/media/a/.partial-1.pdf"],
)
def test_what_is_not_an_upload_is_404(client, settings, tmp_path, path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / ".partial-1.pdf").write_bytes(b"%PDF-half")
    assert client.get(path).status_code == 404
