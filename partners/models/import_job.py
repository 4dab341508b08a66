"""The staff CSV import job: a large file is previewed and applied by a Celery task, and the
staff page follows its progress through this row (re-exported by `partners.models`)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PartnerImportJob(models.Model):
    class Mode(models.TextChoices):
        PREVIEW = "preview", _("Preview")
        APPLY = "apply", _("Apply")

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting for a worker")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    # A random id: the job page URL carries no count of imports.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    filename = models.CharField(_("file name"), max_length=200, blank=True)
    # The uploaded text, kept so that the apply re-validates exactly what was previewed; cleared
    # once applied.
    content = models.TextField(_("CSV content"), blank=True)
    mode = models.CharField(_("mode"), max_length=8, choices=Mode.choices, default=Mode.PREVIEW)
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default=State.QUEUED)
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_done = models.PositiveIntegerField(_("rows checked"), default=0)
    report = models.JSONField(_("report"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("partner import job")
        verbose_name_plural = _("partner import jobs")

    def __str__(self) -> str:
        return f"{self.filename or self.pk} ({self.get_mode_display()}, {self.get_state_display()})"

    @property
    def is_finished(self) -> bool:
        return self.state in {self.State.DONE, self.State.FAILED}
