"""Uploaded files: a local storage that never leaves half a file, and the view that serves them.

`SafeFileSystemStorage` is Django's `FileSystemStorage` (the default, `MEDIA_ROOT`) except that a
save which fails part-way (a full disk, a read-only folder, a quota) removes what it wrote and
raises, instead of leaving a truncated file that nothing points to. It writes under a scratch
name in the target folder and renames into place only once every byte is down, so no reader
ever sees a partial file under the real name either.

Several web nodes cannot share a local folder: for those, `STORAGES["default"]` is an object
store through django-storages (S3-compatible), and `file.url` then points there. Nothing a
worker needs lives only on one node's disk: CSV import jobs keep their content in the database
(partners.PartnerImportJob.content).
"""

from __future__ import annotations

import contextlib
import mimetypes
import os
import posixpath
import uuid
from typing import Any

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.move import file_move_safe
from django.core.files.storage import FileSystemStorage, default_storage
from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_safe

# What may be shown in the browser; everything else is downloaded as bytes.
_INLINE_TYPES = {"application/pdf", "image/png", "image/jpeg"}


class SafeFileSystemStorage(FileSystemStorage):
    def _save(self, name: str, content: Any) -> str:
        directory, filename = posixpath.split(name)
        extension = posixpath.splitext(filename)[1][:16]
        scratch = posixpath.join(directory, f".partial-{uuid.uuid4().hex}{extension}")
        try:
            scratch = super()._save(scratch, content)  # type: ignore[misc]
        except BaseException:
            self._remove_quietly(scratch)
            raise
        try:
            while True:
                try:
                    self._place(scratch, name)
                except FileExistsError:
                    name = self.get_available_name(name)
                else:
                    return name.replace("\\", "/")
        finally:
            self._remove_quietly(scratch)

    def _place(self, scratch: str, name: str) -> None:
        """Give the complete scratch file its real name, never replacing another file."""
        source, target = self.path(scratch), self.path(name)
        try:
            os.link(source, target)  # atomic, and refuses an existing name
        except FileExistsError:
            raise
        except OSError:  # a filesystem without hard links
            file_move_safe(source, target, allow_overwrite=False)

    def _remove_quietly(self, name: str) -> None:
        with contextlib.suppress(OSError, SuspiciousFileOperation):
            os.remove(self.path(name))


@require_safe
def media_serve(request: HttpRequest, path: str) -> FileResponse:
    """An uploaded file (`MEDIA_URL` + its name) from the configured storage, whatever DEBUG
    says: typed by its extension (uploads are named after their sniffed type), `nosniff`, and
    shown inline only when it is a PDF or an image, otherwise downloaded."""
    name = posixpath.normpath(path).lstrip("/")
    if name.startswith((".", "..")) or "/." in name:  # scratch files and traversal
        raise Http404
    try:
        handle = default_storage.open(name, "rb")
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError, SuspiciousFileOperation):
        raise Http404 from None
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    inline = content_type in _INLINE_TYPES
    response = FileResponse(
        handle,
        as_attachment=not inline,
        filename=posixpath.basename(name),
        content_type=content_type if inline else "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
