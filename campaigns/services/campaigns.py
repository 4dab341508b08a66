"""Staff writes for campaigns, their messages and downloadable materials."""

from __future__ import annotations

import datetime
import logging

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.models import Campaign, CampaignMessage, Material
from core.permissions import user_is_staff

logger = logging.getLogger(__name__)

MATERIAL_MAX_BYTES = 15 * 1024 * 1024

# What the bytes say, not what the file name or the browser's Content-Type claim.
_SIGNATURES: list[tuple[bytes, str]] = [
    (b"%PDF-", Material.FileType.PDF),
    (b"\x89PNG\r\n\x1a\n", Material.FileType.PNG),
    (b"\xff\xd8\xff", Material.FileType.JPEG),
]
_EXTENSIONS = {
    Material.FileType.PDF: ".pdf",
    Material.FileType.PNG: ".png",
    Material.FileType.JPEG: ".jpg",
}


def material_sniff(upload: UploadedFile) -> str:
    """The file type by its first bytes; ValidationError for anything but PDF, PNG or JPEG, or
    a file larger than 15 MB."""
    size = upload.size or 0
    if size > MATERIAL_MAX_BYTES:
        raise ValidationError(
            {"file": _("The file is larger than %(mb)s MB.") % {"mb": MATERIAL_MAX_BYTES // 2**20}}
        )
    if size == 0:
        raise ValidationError({"file": _("The file is empty.")})
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for magic, file_type in _SIGNATURES:
        if head.startswith(magic):
            return str(file_type)
    raise ValidationError({"file": _("Only PDF, PNG and JPEG files can be uploaded.")})


def campaign_save(*, campaign: Campaign) -> Campaign:
    campaign.full_clean()
    campaign.save()
    return campaign


def _locked(campaign: Campaign, actor: User | AnonymousUser) -> Campaign:
    if not user_is_staff(actor):
        raise PermissionDenied
    return Campaign.objects.select_for_update().get(pk=campaign.pk)


@transaction.atomic
def campaign_set_published(
    *, campaign: Campaign, published: bool, actor: User | AnonymousUser
) -> Campaign:
    """Publish a draft (it appears in the list and takes signatures) or take it back to draft."""
    locked = _locked(campaign, actor)
    locked.is_published = published
    return campaign_save(campaign=locked)


@transaction.atomic
def campaign_close(
    *, campaign: Campaign, actor: User | AnonymousUser, today: datetime.date | None = None
) -> Campaign:
    """Stop taking signatures from today: the campaign stays public with its count, as a closed
    call. `closes_on` is the last day signatures were taken (yesterday); a campaign that only
    opened today then opened and closed yesterday, so the dates never contradict each other."""
    locked = _locked(campaign, actor)
    today = today or timezone.localdate()
    if not locked.is_open(on=today):
        raise ValidationError(_("This campaign is not taking signatures, so it cannot be closed."))
    last_day = today - datetime.timedelta(days=1)
    locked.closes_on = last_day
    if locked.opens_on and locked.opens_on > last_day:
        locked.opens_on = last_day
    return campaign_save(campaign=locked)


@transaction.atomic
def campaign_update(
    *, campaign: Campaign, data: dict[str, object], actor: User | AnonymousUser
) -> Campaign:
    """Staff edits from the staff pages: the given fields, validated as the admin's are.
    Nothing is saved when any field is refused."""
    locked = _locked(campaign, actor)
    for name, value in data.items():
        setattr(locked, name, value)
    return campaign_save(campaign=locked)


def material_upload(
    *,
    campaign: Campaign,
    title: str,
    language: str,
    upload: UploadedFile,
    actor: User | AnonymousUser,
) -> Material:
    if not user_is_staff(actor):
        raise PermissionDenied
    position = campaign.materials.count()
    material = Material(campaign=campaign, title=title, language=language, position=position)
    return material_save(material=material, upload=upload)


def campaign_delete(*, campaign: Campaign) -> None:
    """Staff removal: the campaign goes with its messages, materials, pledges, activities and
    export log."""
    campaign.delete()


def message_save(*, message: CampaignMessage) -> CampaignMessage:
    message.hashtags = " ".join(message.hashtags.split())
    message.full_clean()
    message.save()
    return message


@transaction.atomic
def material_save(*, material: Material, upload: UploadedFile | None = None) -> Material:
    """Save a material; a new upload is sniffed and size-checked first, and named by its real
    type so a browser never guesses from a misleading extension.

    A file the storage cannot write (a full disk, a read-only media folder) is a ValidationError
    on `file`, with nothing stored: the storage leaves no partial file (core.storage), and a
    file written before the row fails to save is deleted again."""
    stored = ""
    if upload is not None:
        file_type = material_sniff(upload)
        stem = (upload.name or "material").rsplit("/", 1)[-1].rsplit(".", 1)[0][:80] or "material"
        try:
            material.file.save(f"{stem}{_EXTENSIONS[file_type]}", upload, save=False)  # type: ignore[index]
        except OSError as exc:
            logger.exception("Could not store the material %r", stem)
            raise ValidationError(
                {"file": _("The file could not be stored (the server's storage refused it).")}
            ) from exc
        stored = material.file.name or ""
        material.file_type = file_type
        material.size = upload.size or 0
    try:
        material.full_clean()
        material.save()
    except BaseException:
        if stored:
            material.file.storage.delete(stored)
        raise
    return material


def message_delete(*, message: CampaignMessage) -> None:
    message.delete()


def material_delete(*, material: Material) -> None:
    material.delete()
