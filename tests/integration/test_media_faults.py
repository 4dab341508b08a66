"""An upload that cannot be written (issue 13, "Files"): a read-only media folder, and a full
disk, give the staff member an error on the form they sent, change nothing in the database and
leave no file behind. Measured before: a 500 and a truncated orphan file.

Tests may run as root, for whom `chmod 0555` prevents nothing. Then the folder is a read-only
tmpfs mount when this machine allows mounting (a real EROFS), else a regular file sits where the
folder should be (ENOTDIR); the test prints which. The full disk is a 64 KB tmpfs, so it needs
mounting (root) and is skipped without it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from campaigns.models import Campaign, Material
from tests.campaigns.factories import CampaignFactory
from tests.factories import StaffFactory

pytestmark = [pytest.mark.services, pytest.mark.django_db]

PDF = b"%PDF-1.7\n" + b"0" * 200_000  # larger than the full disk below


def _mount_tmpfs(folder: Path, options: str) -> bool:
    mount = shutil.which("mount")
    if mount is None or os.geteuid() != 0:
        return False
    result = subprocess.run(  # noqa: S603 - fixed argv, no shell
        [mount, "-t", "tmpfs", "-o", options, "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    return result.returncode == 0


def _unmount(folder: Path) -> None:
    umount = shutil.which("umount")
    assert umount is not None
    subprocess.run([umount, str(folder)], check=True)  # noqa: S603 - fixed argv, no shell


@contextlib.contextmanager
def unwritable_media(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A MEDIA_ROOT nothing can be written to, and how it was made so."""
    folder = tmp_path / "media"
    folder.mkdir()
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield folder, "chmod 0555"
        finally:
            folder.chmod(0o755)
    elif _mount_tmpfs(folder, "ro,size=1m"):
        try:
            yield folder, "read-only tmpfs mount (root ignores chmod)"
        finally:
            _unmount(folder)
    else:
        blocker = tmp_path / "a-file"
        blocker.write_bytes(b"")
        yield blocker / "media", "a regular file in the way (root ignores chmod, no mounting)"


@contextlib.contextmanager
def full_disk(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "media"
    folder.mkdir()
    if not _mount_tmpfs(folder, "size=64k"):
        pytest.skip("a full disk needs a tiny tmpfs, which needs mounting (root)")
    try:
        yield folder
    finally:
        _unmount(folder)


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else []


def _upload(client, campaign: Campaign) -> tuple[int, float, str]:
    url = f"/en/admin/campaigns/campaign/{campaign.pk}/change/"
    data = {
        "slug": campaign.slug,
        "kind": campaign.kind,
        "signers": campaign.signers,
        "goal": "100",
        "title_en": "A title that must not be saved",
        "text_en": campaign.text_en,
        "messages-TOTAL_FORMS": "0",
        "messages-INITIAL_FORMS": "0",
        "materials-TOTAL_FORMS": "1",
        "materials-INITIAL_FORMS": "0",
        "materials-0-title": "Flyer",
        "materials-0-language": "en",
        "materials-0-position": "0",
        "materials-0-file": SimpleUploadedFile("flyer.pdf", PDF, content_type="application/pdf"),
    }
    started = time.monotonic()
    response = client.post(url, data)
    seconds = time.monotonic() - started
    page = client.get(url) if response.status_code == 302 else response
    return response.status_code, seconds, page.content.decode()


def _assert_refused(client, campaign: Campaign, media: Path) -> float:
    status, seconds, page = _upload(client, campaign)
    assert status in (200, 302)  # the form again, or the same page with the error
    assert "The file could not be stored" in page
    assert seconds < 5.0
    campaign.refresh_from_db()
    assert campaign.title_en != "A title that must not be saved"  # the whole change rolled back
    assert not Material.objects.exists()
    assert _files(media) == []
    return seconds


def test_read_only_media_folder_is_a_form_error_and_leaves_nothing(
    client, settings, tmp_path, capsys
):
    client.force_login(StaffFactory(is_superuser=True))
    campaign = CampaignFactory()
    with unwritable_media(tmp_path) as (media, how):
        settings.MEDIA_ROOT = media
        seconds = _assert_refused(client, campaign, media)
    with capsys.disabled():
        print(f"\nread-only media ({how}): refused in {seconds:.2f} s, no row, no file")


def test_full_disk_is_a_form_error_and_leaves_no_partial_file(client, settings, tmp_path, capsys):
    client.force_login(StaffFactory(is_superuser=True))
    campaign = CampaignFactory()
    with full_disk(tmp_path) as media:
        settings.MEDIA_ROOT = media
        seconds = _assert_refused(client, campaign, media)
        # The disk itself still works: a small file fits, and is kept.
        (media / "probe.txt").write_bytes(b"ok")
        assert _files(media) == [media / "probe.txt"]
    with capsys.disabled():
        print(f"\nfull disk (64 KB tmpfs): refused in {seconds:.2f} s, no row, no partial file")
