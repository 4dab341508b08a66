"""Campaigns, the pledges people sign, the materials and messages they share, and the activities
partners run on days of action.

A pledge holds personal data of people who may be migrants themselves: its e-mail address is
private (staff only, never in a public page, the API, the widget or an export other than the
staff one), and the public sees a signer only as they chose (full name, initials, country or not
at all).
"""

from __future__ import annotations

import datetime
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from campaigns.validators import (
    ACTIVITY_STARTS_AT_MAX,
    ACTIVITY_STARTS_AT_MIN,
    REFERRAL_CODE_LENGTH,
    http_url_validator,
    validate_activity_time,
    validate_hashtags,
    validate_mailbox,
    validate_plain_text,
    validate_single_line,
    validate_timezone,
    validate_visible_text,
)
from core.model_fields import latitude_field, longitude_field

LANGUAGE_CHOICES = [("en", _("English")), ("es", _("Spanish"))]

# Text limits: long enough for any real campaign, signer or activity, short enough that one
# submission cannot make every list response megabytes long. The model fields enforce them (the
# text fields through a validator: a TextField's max_length alone only sizes the admin's
# widget), and the forms and the API serializers use the same constants.
TITLE_MAX_LENGTH = 200  # campaigns, materials and activities
SUMMARY_MAX_LENGTH = 300
CAMPAIGN_TEXT_MAX_LENGTH = 10000
MESSAGE_TEXT_MAX_LENGTH = 500
HASHTAGS_MAX_LENGTH = 200
ORGANISATION_NAME_MAX_LENGTH = 200
SIGNER_NAME_MAX_LENGTH = 120
CITY_MAX_LENGTH = 100
EMAIL_MAX_LENGTH = 254  # RFC 5321's limit on a forward path
TIMEZONE_MAX_LENGTH = 64
ADDRESS_MAX_LENGTH = 200
URL_MAX_LENGTH = 300  # donation URLs and activities' online links
ACTIVITY_DESCRIPTION_MAX_LENGTH = 2000
# How long an activity registered without an end lasts, for calendars and the page.
ACTIVITY_DEFAULT_DURATION = datetime.timedelta(hours=2)


def _localized(obj: models.Model, field: str) -> str:
    """`<field>_es` in Spanish when it is filled in, otherwise `<field>_en`."""
    if (get_language() or "en").startswith("es"):
        value = getattr(obj, f"{field}_es", "")
        if value:
            return str(value)
    return str(getattr(obj, f"{field}_en"))


class Campaign(models.Model):
    class Kind(models.TextChoices):
        RATIFICATION = "ratification", _("Ratification call")
        DAY_OF_ACTION = "day_of_action", _("Day of action")
        ENDORSEMENT = "endorsement", _("Endorsement of a document")

    class Signers(models.TextChoices):
        ORGANISATIONS = "organisations", _("Organisations")
        INDIVIDUALS = "individuals", _("Individuals")
        BOTH = "both", _("Organisations and individuals")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    title_en = models.CharField(
        _("title (English)"),
        max_length=TITLE_MAX_LENGTH,
        validators=[validate_single_line, validate_visible_text],
    )
    title_es = models.CharField(
        _("title (Spanish)"),
        max_length=TITLE_MAX_LENGTH,
        blank=True,
        validators=[validate_single_line, validate_visible_text],
    )
    summary_en = models.CharField(
        _("summary (English)"),
        max_length=SUMMARY_MAX_LENGTH,
        blank=True,
        validators=[validate_single_line],
    )
    summary_es = models.CharField(
        _("summary (Spanish)"),
        max_length=SUMMARY_MAX_LENGTH,
        blank=True,
        validators=[validate_single_line],
    )
    text_en = models.TextField(
        _("text (English)"),
        max_length=CAMPAIGN_TEXT_MAX_LENGTH,
        validators=[validate_plain_text, MaxLengthValidator(CAMPAIGN_TEXT_MAX_LENGTH)],
    )
    text_es = models.TextField(
        _("text (Spanish)"),
        max_length=CAMPAIGN_TEXT_MAX_LENGTH,
        blank=True,
        validators=[validate_plain_text, MaxLengthValidator(CAMPAIGN_TEXT_MAX_LENGTH)],
    )
    treaty = models.ForeignKey(
        "ratification.Treaty",
        verbose_name=_("treaty"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="campaigns",
    )
    target_country = CountryField(_("target country"), blank=True)
    goal = models.PositiveIntegerField(
        _("goal"), default=0, help_text=_("Number of signatures aimed for; 0 for no goal.")
    )
    # Shown once the goal is met, so a successful campaign keeps a target in view.
    next_goal = models.PositiveIntegerField(
        _("next goal"),
        default=0,
        blank=True,  # left empty in a form: none (0, set by `clean`)
        help_text=_("Shown instead of the goal once it is met; higher than the goal, 0 for none."),
    )
    opens_on = models.DateField(_("opens on"), null=True, blank=True)
    closes_on = models.DateField(_("closes on"), null=True, blank=True)
    signers = models.CharField(
        _("who may sign"), max_length=16, choices=Signers.choices, default=Signers.BOTH
    )
    is_published = models.BooleanField(_("published"), default=False, db_index=True)
    donation_url = models.URLField(
        _("donation URL"), max_length=URL_MAX_LENGTH, blank=True, validators=[http_url_validator]
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-opens_on", "slug"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")

    def __str__(self) -> str:
        return self.title_en

    def clean(self) -> None:
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("The campaign cannot close before it opens.")})
        if self.target_country and not self.treaty:
            raise ValidationError({"treaty": _("Name the treaty the target country should join.")})
        if self.next_goal is None:
            self.next_goal = 0
        if self.next_goal and self.next_goal <= self.goal:
            raise ValidationError({"next_goal": _("The next goal must be higher than the goal.")})

    def localized(self, field: str) -> str:
        return _localized(self, field)

    @property
    def title(self) -> str:
        return self.localized("title")

    @property
    def summary(self) -> str:
        return self.localized("summary")

    @property
    def text(self) -> str:
        return self.localized("text")

    def is_open(self, *, on: datetime.date | None = None) -> bool:
        today = on or timezone.localdate()
        if self.opens_on and today < self.opens_on:
            return False
        return not (self.closes_on and today > self.closes_on)

    @property
    def accepts_organisations(self) -> bool:
        return self.signers in (self.Signers.ORGANISATIONS, self.Signers.BOTH)

    @property
    def accepts_individuals(self) -> bool:
        return self.signers in (self.Signers.INDIVIDUALS, self.Signers.BOTH)


class CampaignMessage(models.Model):
    """A suggested social-media message, with the hashtags to use."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="messages"
    )
    text_en = models.TextField(
        _("text (English)"),
        max_length=MESSAGE_TEXT_MAX_LENGTH,
        validators=[validate_plain_text, MaxLengthValidator(MESSAGE_TEXT_MAX_LENGTH)],
    )
    text_es = models.TextField(
        _("text (Spanish)"),
        max_length=MESSAGE_TEXT_MAX_LENGTH,
        blank=True,
        validators=[validate_plain_text, MaxLengthValidator(MESSAGE_TEXT_MAX_LENGTH)],
    )
    hashtags = models.CharField(
        _("hashtags"),
        max_length=HASHTAGS_MAX_LENGTH,
        blank=True,
        validators=[validate_hashtags],
        help_text=_("Separated by spaces, e.g. #MigrantsDay #ICRMW"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["campaign", "position", "pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self) -> str:
        return self.text_en[:60]

    @property
    def text(self) -> str:
        return _localized(self, "text")

    @property
    def full_text(self) -> str:
        """The message as it is shared: text, then the hashtags."""
        return f"{self.text} {self.hashtags}".strip()


class Material(models.Model):
    """A downloadable file (flyer, poster, toolkit). Type is sniffed from the content on upload."""

    class FileType(models.TextChoices):
        PDF = "pdf", "PDF"
        PNG = "png", "PNG"
        JPEG = "jpeg", "JPEG"

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="materials"
    )
    title = models.CharField(
        _("title"),
        max_length=TITLE_MAX_LENGTH,
        validators=[validate_single_line, validate_visible_text],
    )
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGE_CHOICES)
    file = models.FileField(_("file"), upload_to="campaigns/materials/%Y/")
    file_type = models.CharField(_("file type"), max_length=8, choices=FileType.choices)
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["campaign", "position", "language", "pk"]
        verbose_name = _("material")
        verbose_name_plural = _("materials")

    def __str__(self) -> str:
        return self.title


class Pledge(models.Model):
    class Kind(models.TextChoices):
        ORGANISATION = "organisation", _("Organisation")
        INDIVIDUAL = "individual", _("Individual")

    class Display(models.TextChoices):
        FULL = "full", _("Show my full name")
        INITIALS = "initials", _("Show my initials only")
        COUNTRY = "country", _("Show my country only")
        HIDDEN = "hidden", _("Do not show me (count me only)")

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="pledges"
    )
    kind = models.CharField(_("signing as"), max_length=16, choices=Kind.choices)
    organisation_name = models.CharField(
        _("organisation name"),
        max_length=ORGANISATION_NAME_MAX_LENGTH,
        blank=True,
        validators=[validate_single_line, validate_visible_text],
    )
    name = models.CharField(
        _("name"),
        max_length=SIGNER_NAME_MAX_LENGTH,
        validators=[validate_single_line, validate_visible_text],
    )
    country = CountryField(_("country"))
    city = models.CharField(
        _("city"), max_length=CITY_MAX_LENGTH, blank=True, validators=[validate_single_line]
    )
    # Private: staff only. `email` is what the signer typed, and where mail goes;
    # `email_normalised` (the same, case-folded) binds the confirm and withdraw links to it;
    # `email_canonical` (`mailbox_key`) carries the one-pledge-per-mailbox rule.
    email = models.EmailField(
        _("e-mail"), max_length=EMAIL_MAX_LENGTH, validators=[validate_mailbox]
    )
    email_normalised = models.CharField(
        _("normalised e-mail"), max_length=EMAIL_MAX_LENGTH, editable=False
    )
    email_canonical = models.CharField(_("mailbox"), max_length=EMAIL_MAX_LENGTH, editable=False)
    display = models.CharField(
        _("how to appear"), max_length=10, choices=Display.choices, default=Display.FULL
    )
    hidden_by_staff = models.BooleanField(
        _("name hidden by staff"),
        default=False,
        help_text=_("Still counted, never listed."),
    )
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGE_CHOICES, default="en")
    partner = models.ForeignKey(
        "partners.Partner",
        verbose_name=_("partner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pledges",
    )
    # Set only when a member of `partner` signed for it while signed in: the verified mark.
    partner_verified = models.BooleanField(_("verified partner"), default=False)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(_("signed"), auto_now_add=True, db_index=True)
    # The last e-mail sent about this pledge after the first one, so a repeated signature sends
    # at most one reminder a day.
    last_reminder_at = models.DateTimeField(_("last reminder"), null=True, blank=True)
    # Carried as ?ref=CODE on the share links this signer is given, so the campaign can count
    # the signatures each share brought. Random, so it says nothing about the signer; empty
    # (NULL) only on pledges from before referral codes, which get one when next shown.
    referral_code = models.CharField(
        _("referral code"),
        max_length=REFERRAL_CODE_LENGTH,
        unique=True,
        null=True,
        blank=True,
        editable=False,
    )
    referred_by = models.ForeignKey(
        "self",
        verbose_name=_("brought by the share of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="referrals",
    )

    class Meta:
        ordering = ["-confirmed_at", "-pk"]
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        constraints = [
            # One pledge per mailbox: ana@exämple.org, ana@xn--exmple-cua.org, Ana+x@… and
            # a.na@googlemail.com for ana@gmail.com are one signer each.
            models.UniqueConstraint(
                fields=["campaign", "email_canonical"], name="campaigns_pledge_one_per_mailbox"
            ),
        ]
        # Serves the counts (campaign, confirmed) and the public list's newest-first order,
        # which can then stop after one page instead of sorting every pledge.
        indexes = [
            models.Index(
                fields=["campaign", "-confirmed_at", "-id"], name="campaigns_pledge_newest"
            )
        ]

    def __str__(self) -> str:
        return f"{self.campaign.slug} #{self.pk}"

    def clean(self) -> None:
        if self.kind == self.Kind.ORGANISATION and not self.organisation_name:
            raise ValidationError({"organisation_name": _("Give the organisation's name.")})

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


def _now() -> datetime.datetime:
    # Not `timezone.now` inside Activity, whose `timezone` field shadows the module there.
    return timezone.now()


class Activity(models.Model):
    """Something a partner organises for a day of action. Public only once staff approve it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="activities"
    )
    partner = models.ForeignKey(
        "partners.Partner",
        verbose_name=_("partner"),
        on_delete=models.CASCADE,
        related_name="campaign_activities",
    )
    title = models.CharField(
        _("title"),
        max_length=TITLE_MAX_LENGTH,
        validators=[validate_single_line, validate_visible_text],
    )
    starts_at = models.DateTimeField(_("starts at"), validators=[validate_activity_time])
    # Empty for activities registered before organisers gave an end: read as DEFAULT_DURATION.
    ends_at = models.DateTimeField(
        _("ends at"), null=True, blank=True, validators=[validate_activity_time]
    )
    timezone = models.CharField(
        _("time zone"),
        max_length=TIMEZONE_MAX_LENGTH,
        default="UTC",
        validators=[validate_timezone],
    )
    city = models.CharField(
        _("city"), max_length=CITY_MAX_LENGTH, validators=[validate_single_line]
    )
    country = CountryField(_("country"))
    # City-level point from the gazetteer: publishable whatever the partner says about its address.
    latitude = latitude_field()
    longitude = longitude_field()
    show_address = models.BooleanField(_("show the street address publicly"), default=False)
    address = models.CharField(
        _("street address"),
        max_length=ADDRESS_MAX_LENGTH,
        blank=True,
        validators=[validate_single_line],
    )
    online_url = models.URLField(
        _("online link"), max_length=URL_MAX_LENGTH, blank=True, validators=[http_url_validator]
    )
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGE_CHOICES)
    description = models.TextField(
        _("description"),
        max_length=ACTIVITY_DESCRIPTION_MAX_LENGTH,
        blank=True,
        validators=[validate_plain_text, MaxLengthValidator(ACTIVITY_DESCRIPTION_MAX_LENGTH)],
    )
    status = models.CharField(
        _("moderation status"),
        max_length=10,
        choices=Status.choices,
        default=Status.PENDING,
        db_index=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # What calendar clients compare (the feed's SEQUENCE and LAST-MODIFIED): kept in the
    # database, so every process agrees, and raised by `activity_save` when the event changes.
    sequence = models.PositiveIntegerField(_("revision"), default=0, editable=False)
    updated_at = models.DateTimeField(_("last changed"), default=_now, editable=False)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            # The validator's bounds, kept by the database too: no write that skips full_clean
            # (an update(), a script) can store a time the pages cannot read back.
            models.CheckConstraint(
                condition=models.Q(starts_at__gte=ACTIVITY_STARTS_AT_MIN)
                & models.Q(starts_at__lt=ACTIVITY_STARTS_AT_MAX),
                name="campaigns_activity_starts_at_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True) | models.Q(ends_at__gt=F("starts_at")),
                name="campaigns_activity_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if (
            self.ends_at is not None
            and self.starts_at is not None
            and self.ends_at <= self.starts_at
        ):
            raise ValidationError(
                {"ends_at": _("The end must be after the start.")}, code="ends_before_start"
            )

    @property
    def local_starts_at(self) -> datetime.datetime:
        return self.starts_at.astimezone(zoneinfo.ZoneInfo(self.timezone))

    @property
    def local_ends_at(self) -> datetime.datetime:
        """The end in the activity's zone; `DEFAULT_DURATION` after the start if none was given."""
        ends_at = self.ends_at or self.starts_at + ACTIVITY_DEFAULT_DURATION
        return ends_at.astimezone(zoneinfo.ZoneInfo(self.timezone))


class PledgeExport(models.Model):
    """Who downloaded signers' e-mail addresses, and when: every staff export is recorded."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="exports"
    )
    exported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("exported by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    row_count = models.PositiveIntegerField(_("rows"))
    created_at = models.DateTimeField(_("exported"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("pledge export")
        verbose_name_plural = _("pledge exports")

    def __str__(self) -> str:
        return f"{self.campaign.slug} {self.created_at:%Y-%m-%d %H:%M}"
