"""The partner organisation: its public profile, location and visibility choices."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from core.model_fields import latitude_field, longitude_field
from core.validators import validate_single_line, validate_visible_text
from partners.models.content import (
    DESCRIPTION_MAX_LENGTH,
    ContentLanguage,
    FocusArea,
    Language,
    ShownText,
    shown_text,
)
from partners.validators import (
    social_links_or_empty,
    validate_partner_slug,
    validate_social_links,
)


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

    name = models.CharField(
        _("name"), max_length=200, validators=[validate_single_line, validate_visible_text]
    )
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
