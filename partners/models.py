"""Partner organisations, the people who keep them current, and what they commit to.

Field names follow Open Referral HSDS where it has one (organization: name, description, email,
url; location/address: address_1, city, state_province, postal_code, country, latitude,
longitude) and Popolo for memberships (person ↔ organization with a role).
"""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from coalition.model_fields import latitude_field, longitude_field
from coalition.validators import validate_single_line
from partners.validators import (
    social_links_or_empty,
    validate_partner_slug,
    validate_social_links,
)

# Free-text limits: long enough for any real profile or note, short enough that one editor
# cannot make every list response megabytes long.
DESCRIPTION_MAX_LENGTH = 5000
LONG_TEXT_MAX_LENGTH = 5000


class ContentLanguage(models.TextChoices):
    """The languages partners write their own content in (the site's languages)."""

    EN = "en", _("English")
    ES = "es", _("Spanish")


# "Written in English" beside content shown on a page in another language.
CONTENT_LANGUAGE_NOTES: dict[str, Promise] = {
    ContentLanguage.EN: _("Written in English"),
    ContentLanguage.ES: _("Written in Spanish"),
}


@dataclass(frozen=True, slots=True)
class ShownText:
    """Partner-written text as a page shows it: the version for the page's language if there
    is one, else the other, marked with its language (`lang` attribute and a visible note)."""

    text: str
    language: str
    other_text: str = ""  # the version in the other language, if the partner gave both
    other_language: str = ""

    @property
    def is_foreign(self) -> bool:
        return self.language != _page_language()

    @property
    def note(self) -> str:
        return str(CONTENT_LANGUAGE_NOTES.get(self.language, "")) if self.is_foreign else ""

    @property
    def other_note(self) -> str:
        return str(CONTENT_LANGUAGE_NOTES.get(self.other_language, ""))


def _page_language() -> str:
    return (get_language() or "en").split("-")[0]


def shown_text(*, text: str, language: str, translation: str) -> ShownText:
    """Choose between a text in `language` and its optional translation for the active page."""
    other = ContentLanguage.ES if language == ContentLanguage.EN else ContentLanguage.EN
    if translation and _page_language() == other:
        return ShownText(translation, other, other_text=text, other_language=language)
    if not text and translation:
        return ShownText(translation, other)
    return ShownText(text, language, other_text=translation, other_language=other)


class TranslatedNameMixin(models.Model):
    """A staff-managed vocabulary entry with an English and a Spanish label."""

    name = models.CharField(_("name (English)"), max_length=80)
    name_es = models.CharField(_("name (Spanish)"), max_length=80, blank=True)

    class Meta:
        abstract = True

    @property
    def label(self) -> str:
        if (get_language() or "en").startswith("es") and self.name_es:
            return self.name_es
        return self.name


class FocusArea(TranslatedNameMixin):
    slug = models.SlugField(_("slug"), max_length=60, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")

    def __str__(self) -> str:
        return self.name


class Language(TranslatedNameMixin):
    code = models.CharField(_("ISO 639-1 code"), max_length=8, primary_key=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")

    def __str__(self) -> str:
        return self.name


class Partner(models.Model):
    class Kind(models.TextChoices):
        NGO = "ngo", _("Non-governmental organisation")
        UNION = "union", _("Trade union")
        FAITH = "faith", _("Faith-based organisation")
        LEGAL = "legal", _("Legal services")
        NETWORK = "network", _("Network or coalition")
        ACADEMIC = "academic", _("Academic or research")
        OTHER = "other", _("Other")

    class LocationSource(models.TextChoices):
        NONE = "", _("Not located")
        GEOCODER = "geocoder", _("Geocoder (Nominatim)")
        GAZETTEER = "gazetteer", _("Offline gazetteer (city)")
        MANUAL = "manual", _("Set by hand")

    class GeocodeStatus(models.TextChoices):
        PENDING = "pending", _("Waiting to be geocoded")
        OK = "ok", _("Located")
        NOT_FOUND = "not_found", _("Address not found")
        RETRYING = "retrying", _("Geocoder unavailable, retrying")
        FAILED = "failed", _("Geocoding failed")
        MANUAL = "manual", _("Coordinates set by hand")

    name = models.CharField(_("name"), max_length=200, validators=[validate_single_line])
    slug = models.SlugField(
        _("slug"), max_length=80, unique=True, validators=[validate_partner_slug]
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.NGO)
    description = models.TextField(
        _("description"),
        blank=True,
        max_length=DESCRIPTION_MAX_LENGTH,
        # A TextField's max_length only reaches forms and serializers; the validator makes
        # full_clean (services, admin, CSV import) enforce it too.
        validators=[MaxLengthValidator(DESCRIPTION_MAX_LENGTH)],
    )
    # Partners write in English or Spanish: the description says which, and may come in both.
    description_language = models.CharField(
        _("language of the description"),
        max_length=2,
        choices=ContentLanguage.choices,
        default=ContentLanguage.EN,
        help_text=_("The language the description above is written in."),
    )
    description_translation = models.TextField(
        _("description in the other language"),
        blank=True,
        max_length=DESCRIPTION_MAX_LENGTH,
        validators=[MaxLengthValidator(DESCRIPTION_MAX_LENGTH)],
        help_text=_(
            "Optional: the same description in Spanish if it is written in English, or in "
            "English if it is written in Spanish. Pages show the version in the reader's "
            "language."
        ),
    )
    website = models.URLField(_("website"), max_length=300, blank=True)
    email = models.EmailField(_("public e-mail"), blank=True)
    phone = models.CharField(
        _("public phone"), max_length=40, blank=True, validators=[validate_single_line]
    )
    social_links = models.JSONField(
        _("social media links"),
        default=list,
        blank=True,
        help_text=_("A list of at most 10 http(s) URLs."),
        validators=[validate_social_links],
    )

    country = CountryField(_("country"), db_index=True)
    city = models.CharField(
        _("city"), max_length=100, blank=True, validators=[validate_single_line]
    )
    state_province = models.CharField(
        _("state or province"), max_length=100, blank=True, validators=[validate_single_line]
    )
    address_1 = models.CharField(
        _("street address"), max_length=200, blank=True, validators=[validate_single_line]
    )
    postal_code = models.CharField(
        _("postal code"), max_length=20, blank=True, validators=[validate_single_line]
    )

    # Per-field visibility: what the partner allows the public to see. A hidden street address
    # must never reach a public page, the API or the map; only city-level coordinates do.
    # Hidden by default: many partners work near borders and detention centres, so publishing
    # where they are or how to reach them is their explicit choice, never an oversight.
    show_address = models.BooleanField(
        _("show street address publicly"),
        default=False,
        help_text=_(
            "Hidden unless ticked. When hidden, visitors, the API and the map see only your "
            "city; coalition staff still see the full address."
        ),
    )
    show_email = models.BooleanField(
        _("show e-mail publicly"),
        default=False,
        help_text=_("Hidden unless ticked. Coalition staff can always reach you at this address."),
    )
    show_phone = models.BooleanField(
        _("show phone publicly"),
        default=False,
        help_text=_("Hidden unless ticked. Coalition staff can always see this number."),
    )

    latitude = latitude_field()
    longitude = longitude_field()
    # City-level coordinates from the gazetteer, always safe to publish even when the address is
    # hidden (the precise point may reveal a shelter or an office that wants to stay private).
    city_latitude = models.DecimalField(
        _("city latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    city_longitude = models.DecimalField(
        _("city longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    location_source = models.CharField(
        _("location source"), max_length=12, choices=LocationSource.choices, blank=True, default=""
    )
    geocode_status = models.CharField(
        _("geocoding status"),
        max_length=12,
        choices=GeocodeStatus.choices,
        default=GeocodeStatus.PENDING,
        db_index=True,
    )
    geocode_error = models.CharField(_("last geocoding error"), max_length=300, blank=True)
    geocode_attempts = models.PositiveSmallIntegerField(_("geocoding attempts"), default=0)
    geocoded_at = models.DateTimeField(_("geocoded at"), null=True, blank=True)

    languages = models.ManyToManyField(
        Language, verbose_name=_("languages"), blank=True, related_name="partners"
    )
    focus_areas = models.ManyToManyField(
        FocusArea, verbose_name=_("focus areas"), blank=True, related_name="partners"
    )

    is_published = models.BooleanField(_("published"), default=False, db_index=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    last_verified_at = models.DateTimeField(_("last verified"), null=True, blank=True)
    # When the last "is your profile still right?" e-mail went out, so a partner that has not
    # answered is reminded again only after a pause instead of on every run of the job.
    verification_reminded_at = models.DateTimeField(
        _("verification reminder sent"), null=True, blank=True
    )
    is_demo = models.BooleanField(
        _("demo data"), default=False, help_text=_("Created by load_demo_partners; removable.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)
    history = HistoricalRecords(m2m_fields=[focus_areas, languages])

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        indexes = [models.Index(fields=["is_published", "country"])]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        # `clean_fields` skips the field validators for "empty" values (None, {}), which a
        # JSONField with blank=True would then store; the links must always be a list.
        if not isinstance(self.social_links, list):
            raise ValidationError({"social_links": _("Give a list of web addresses.")})

    @property
    def shown_description(self) -> ShownText:
        return shown_text(
            text=self.description,
            language=self.description_language,
            translation=self.description_translation,
        )

    @property
    def social_link_list(self) -> list[str]:
        """The links as strings, whatever an old row holds (see `social_links_or_empty`)."""
        return social_links_or_empty(self.social_links)

    @property
    def has_manual_location(self) -> bool:
        return self.location_source == self.LocationSource.MANUAL

    def verification_is_stale(self, *, now: object | None = None) -> bool:
        max_age = datetime.timedelta(days=settings.PARTNER_VERIFY_MAX_AGE_DAYS)
        moment = now or timezone.now()
        return self.last_verified_at is None or self.last_verified_at < moment - max_age  # type: ignore[operator]


class Membership(models.Model):
    class Role(models.TextChoices):
        ADMIN = "admin", _("Partner admin")
        EDITOR = "editor", _("Editor")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="partner_memberships",
    )
    partner = models.ForeignKey(
        Partner, verbose_name=_("partner"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=8, choices=Role.choices, default=Role.EDITOR)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "partner"], name="membership_unique_user_partner"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.partner} ({self.get_role_display()})"


def _new_token() -> str:
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    partner = models.ForeignKey(
        Partner, verbose_name=_("partner"), on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail"))
    role = models.CharField(
        _("role"), max_length=8, choices=Membership.Role.choices, default=Membership.Role.EDITOR
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=_new_token)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} → {self.partner}"

    def is_usable(self, *, now: object | None = None) -> bool:
        moment = now or timezone.now()
        return self.accepted_at is None and self.revoked_at is None and self.expires_at > moment  # type: ignore[operator]


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
        _("organisation name"), max_length=200, validators=[validate_single_line]
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
        _("your name"), max_length=150, validators=[validate_single_line]
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


# Kept in its own module (this one is long enough); imported here so Django registers it.
from partners.models_import import PartnerImportJob as PartnerImportJob  # noqa: E402
