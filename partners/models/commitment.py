"""A partner's structured commitments and their dated updates."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from partners.models.content import (
    LONG_TEXT_MAX_LENGTH,
    ContentLanguage,
    ShownText,
    shown_text,
)
from partners.models.partner import Partner


class Commitment(models.Model):
    class Kind(models.TextChoices):
        ADVOCACY = "advocacy", _("Advocacy for ratification")
        CAMPAIGN = "campaign", _("Public campaign")
        RESEARCH = "research", _("Research or report")
        LEGAL = "legal", _("Legal support or litigation")
        SERVICES = "services", _("Services to migrants")
        TRAINING = "training", _("Training or awareness")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        PLEDGED = "pledged", _("Pledged")
        IN_PROGRESS = "in_progress", _("In progress")
        FULFILLED = "fulfilled", _("Fulfilled")
        LAPSED = "lapsed", _("Lapsed")

    partner = models.ForeignKey(
        Partner, verbose_name=_("partner"), on_delete=models.CASCADE, related_name="commitments"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    text = models.TextField(
        _("commitment"),
        max_length=LONG_TEXT_MAX_LENGTH,
        validators=[MaxLengthValidator(LONG_TEXT_MAX_LENGTH)],
    )
    text_language = models.CharField(
        _("language of the commitment"),
        max_length=2,
        choices=ContentLanguage.choices,
        default=ContentLanguage.EN,
        help_text=_("The language the commitment above is written in."),
    )
    text_translation = models.TextField(
        _("commitment in the other language"),
        blank=True,
        max_length=LONG_TEXT_MAX_LENGTH,
        validators=[MaxLengthValidator(LONG_TEXT_MAX_LENGTH)],
        help_text=_("Optional: the same commitment in the other language (English or Spanish)."),
    )
    target_country = CountryField(_("target country"), blank=True)
    treaty = models.ForeignKey(
        "ratification.Treaty",
        verbose_name=_("treaty"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="commitments",
    )
    due_on = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLEDGED
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")

    def __str__(self) -> str:
        return f"{self.partner}: {self.get_kind_display()}"

    @property
    def shown_text(self) -> ShownText:
        return shown_text(
            text=self.text, language=self.text_language, translation=self.text_translation
        )


class CommitmentUpdate(models.Model):
    commitment = models.ForeignKey(
        Commitment, verbose_name=_("commitment"), on_delete=models.CASCADE, related_name="updates"
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    text = models.TextField(
        _("update"),
        max_length=LONG_TEXT_MAX_LENGTH,
        validators=[MaxLengthValidator(LONG_TEXT_MAX_LENGTH)],
    )
    status = models.CharField(
        _("status after this update"), max_length=12, choices=Commitment.Status.choices
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("commitment update")
        verbose_name_plural = _("commitment updates")

    def __str__(self) -> str:
        return f"{self.commitment} · {self.date}"
