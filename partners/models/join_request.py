"""Requests to join the coalition or to claim an existing profile, moderated by staff."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from core.validators import validate_single_line, validate_visible_text
from partners.models.content import LONG_TEXT_MAX_LENGTH
from partners.models.partner import Partner


class JoinRequest(models.Model):
    """Someone asks to join the directory (a new profile) or to claim an existing one."""

    class Kind(models.TextChoices):
        JOIN = "join", _("Join the directory")
        CLAIM = "claim", _("Claim an existing profile")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    kind = models.CharField(_("request"), max_length=8, choices=Kind.choices)
    partner = models.ForeignKey(
        Partner,
        verbose_name=_("profile claimed or created"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="join_requests",
    )
    organisation_name = models.CharField(
        _("organisation name"),
        max_length=200,
        validators=[validate_single_line, validate_visible_text],
    )
    organisation_kind = models.CharField(
        _("kind"), max_length=12, choices=Partner.Kind.choices, default=Partner.Kind.NGO
    )
    country = CountryField(_("country"))
    city = models.CharField(
        _("city"), max_length=100, blank=True, validators=[validate_single_line]
    )
    website = models.URLField(_("website"), max_length=300, blank=True)
    contact_name = models.CharField(
        _("your name"), max_length=150, validators=[validate_single_line, validate_visible_text]
    )
    contact_email = models.EmailField(_("your e-mail"))
    message = models.TextField(
        _("message"),
        blank=True,
        max_length=LONG_TEXT_MAX_LENGTH,
        validators=[MaxLengthValidator(LONG_TEXT_MAX_LENGTH)],
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    decision_note = models.TextField(
        _("note to the applicant"),
        blank=True,
        max_length=LONG_TEXT_MAX_LENGTH,
        validators=[MaxLengthValidator(LONG_TEXT_MAX_LENGTH)],
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    # The language the applicant used, so every e-mail to them (acknowledgement, decision) is in
    # it, whatever language the staff member deciding reads.
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    # Set when the request went out in a staff digest: each request is announced once, however
    # many digest tasks run.
    staff_notified_at = models.DateTimeField(_("staff notified at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("join request")
        verbose_name_plural = _("join requests")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.organisation_name}"
