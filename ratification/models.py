"""Treaties, the dated actions states take on them, and the imports that record those actions.

Status (party / signatory / none) is never stored: it is derived for any date from the actions
(see `ratification/status.py`), so that history can be replayed and nothing typed by hand can
contradict the record.
"""

from __future__ import annotations

import datetime

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from ratification import names

TREATY_DESCRIPTION_MAX_LENGTH = 1000


class Country(models.Model):
    """A country or area with its UN M49 region, loaded from `ratification/data/countries_m49.csv`."""

    iso2 = models.CharField(_("ISO 3166-1 alpha-2"), max_length=2, primary_key=True)
    iso3 = models.CharField(_("ISO 3166-1 alpha-3"), max_length=3, unique=True)
    numeric = models.CharField(_("ISO 3166-1 numeric"), max_length=3, blank=True)
    name = models.CharField(_("name"), max_length=100)
    region = models.CharField(_("region"), max_length=50, blank=True, db_index=True)
    subregion = models.CharField(_("sub-region"), max_length=60, blank=True)
    un_member_since = models.PositiveSmallIntegerField(_("UN member since"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self) -> str:
        return self.localized_name

    @property
    def localized_name(self) -> str:
        """The name in the active language (django-countries' catalogue; English: M49's)."""
        return names.country_name(self.iso2, self.name)

    @property
    def region_label(self) -> str:
        return names.region_label(self.region)

    @property
    def subregion_label(self) -> str:
        return names.subregion_label(self.subregion)


class Treaty(models.Model):
    class Source(models.TextChoices):
        UNTC = "untc", _("UN Treaty Collection")
        ILO = "ilo", _("ILO (entered by staff)")

    slug = models.SlugField(_("slug"), max_length=40, unique=True)
    short_name = models.CharField(_("short name"), max_length=40)
    name = models.CharField(_("full name"), max_length=300)
    # Spanish beside English (the UN's official Spanish titles, from the catalogue); blank means
    # "show the English". Staff may correct them in the admin; the catalogue loader only fills
    # blanks, so a correction is never overwritten.
    short_name_es = models.CharField(_("short name (Spanish)"), max_length=40, blank=True)
    name_es = models.CharField(_("full name (Spanish)"), max_length=300, blank=True)
    description = models.TextField(
        _("short description"),
        max_length=TREATY_DESCRIPTION_MAX_LENGTH,
        blank=True,
        validators=[MaxLengthValidator(TREATY_DESCRIPTION_MAX_LENGTH)],
    )
    description_es = models.TextField(
        _("short description (Spanish)"),
        max_length=TREATY_DESCRIPTION_MAX_LENGTH,
        blank=True,
        validators=[MaxLengthValidator(TREATY_DESCRIPTION_MAX_LENGTH)],
    )
    source = models.CharField(
        _("source"), max_length=8, choices=Source.choices, default=Source.UNTC
    )
    untc_reference = models.CharField(
        _("UNTC reference"), max_length=20, blank=True, help_text=_("For example IV-13.")
    )
    position = models.PositiveSmallIntegerField(_("display order"), default=100)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent treaty"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="protocols",
        help_text=_("For optional protocols: the treaty they belong to."),
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    entry_into_force_on = models.DateField(_("entry into force"), null=True, blank=True)
    # Entry into force for a state that joins later: e.g. ICRMW art. 87(2) is "the first day of
    # the month following a period of three months after the date of deposit"; CEDAW art. 27(2)
    # is "the thirtieth day after the date of deposit".
    eif_delay_months = models.PositiveSmallIntegerField(
        _("entry into force after months"), default=0
    )
    eif_delay_days = models.PositiveSmallIntegerField(_("entry into force after days"), default=30)
    eif_first_of_next_month = models.BooleanField(
        _("entry into force on the first day of the following month"), default=False
    )
    source_url = models.URLField(_("source URL"), max_length=500, blank=True)
    as_of = models.DateField(_("status as at"), null=True, blank=True)
    header_signatories = models.PositiveIntegerField(
        _("signatories per source"), null=True, blank=True
    )
    header_parties = models.PositiveIntegerField(_("parties per source"), null=True, blank=True)

    class Meta:
        ordering = ["position", "short_name"]
        verbose_name = _("treaty")
        verbose_name_plural = _("treaties")
        constraints = [
            models.UniqueConstraint(
                fields=["untc_reference"],
                condition=~models.Q(untc_reference=""),
                name="treaty_unique_untc_reference",
            )
        ]

    def __str__(self) -> str:
        return self.localized_short_name

    def _localized(self, english: str, spanish: str) -> str:
        if spanish and (get_language() or "en").split("-")[0] == "es":
            return spanish
        return english

    @property
    def localized_name(self) -> str:
        """The full title in the active language, falling back to the English."""
        return self._localized(self.name, self.name_es)

    @property
    def localized_short_name(self) -> str:
        return self._localized(self.short_name, self.short_name_es)

    @property
    def localized_description(self) -> str:
        return self._localized(self.description, self.description_es)

    @property
    def localized_description_language(self) -> str:
        """The language `localized_description` is written in, for its `lang` attribute."""
        if self.description_es and (get_language() or "en").split("-")[0] == "es":
            return "es"
        return "en"

    def entry_into_force_for_state(self, deposited_on: datetime.date) -> datetime.date:
        """The date the treaty enters into force for a state that deposited on `deposited_on`."""
        date = deposited_on + relativedelta(months=self.eif_delay_months, days=self.eif_delay_days)
        if self.eif_first_of_next_month:
            date = (date + relativedelta(months=1)).replace(day=1)
        if self.entry_into_force_on and date < self.entry_into_force_on:
            return self.entry_into_force_on
        return date


class ActionKind(models.TextChoices):
    SIGNATURE = "signature", _("Signature")
    SUCCESSION_TO_SIGNATURE = "succession_to_signature", _("Succession to signature")
    RATIFICATION = "ratification", _("Ratification")
    ACCESSION = "accession", _("Accession")
    SUCCESSION = "succession", _("Succession")
    ACCEPTANCE = "acceptance", _("Acceptance")
    APPROVAL = "approval", _("Approval")
    FORMAL_CONFIRMATION = "formal_confirmation", _("Formal confirmation")
    DECLARATION = "declaration", _("Declaration")
    RESERVATION = "reservation", _("Reservation")
    WITHDRAWAL_OF_RESERVATION = "withdrawal_of_reservation", _("Withdrawal of reservation")
    DENUNCIATION = "denunciation", _("Denunciation")


SIGNATURE_KINDS = frozenset({ActionKind.SIGNATURE, ActionKind.SUCCESSION_TO_SIGNATURE})
CONSENT_KINDS = frozenset(
    {
        ActionKind.RATIFICATION,
        ActionKind.ACCESSION,
        ActionKind.SUCCESSION,
        ActionKind.ACCEPTANCE,
        ActionKind.APPROVAL,
        ActionKind.FORMAL_CONFIRMATION,
    }
)


class TreatyAction(models.Model):
    """One dated act of a state on a treaty, as recorded by the depositary."""

    treaty = models.ForeignKey(
        Treaty, verbose_name=_("treaty"), on_delete=models.CASCADE, related_name="actions"
    )
    country = CountryField(_("country"), db_index=True)
    kind = models.CharField(_("kind"), max_length=32, choices=ActionKind.choices)
    date = models.DateField(_("date"))
    article = models.CharField(
        _("article"), max_length=20, blank=True, help_text=_("For declarations, e.g. 76 or 77.")
    )
    text = models.TextField(_("text or notes"), blank=True)
    source_url = models.URLField(_("source URL"), max_length=500, blank=True)
    source_as_of = models.DateField(_("source as at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["treaty", "country", "date", "kind"]
        verbose_name = _("treaty action")
        verbose_name_plural = _("treaty actions")
        constraints = [
            # The depositary's table holds one date per state, kind and article; a reconciliation
            # matches on exactly this key to tell "changed" from "added".
            models.UniqueConstraint(
                fields=["treaty", "country", "kind", "article"], name="action_unique_per_state"
            )
        ]
        indexes = [models.Index(fields=["treaty", "kind", "date"])]

    def __str__(self) -> str:
        article = f" art. {self.article}" if self.article else ""
        return f"{self.treaty} · {self.country.code} · {self.get_kind_display()}{article} · {self.date}"

    @property
    def country_code(self) -> str:
        """The ISO code as a plain string (satisfies `ratification.status.ActionLike`)."""
        return str(self.country.code)


class ImportRun(models.Model):
    class Status(models.TextChoices):
        PREVIEWED = "previewed", _("Previewed, not applied")
        APPLIED = "applied", _("Applied")
        NO_CHANGE = "no_change", _("Applied, nothing changed")
        FAILED = "failed", _("Failed")

    treaty = models.ForeignKey(
        Treaty,
        verbose_name=_("treaty"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="import_runs",
    )
    source = models.CharField(_("file or URL"), max_length=500)
    as_of = models.DateField(_("status as at"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    diff = models.JSONField(_("differences"), default=dict, blank=True)
    added_count = models.PositiveIntegerField(_("added"), default=0)
    changed_count = models.PositiveIntegerField(_("changed"), default=0)
    unchanged_count = models.PositiveIntegerField(_("unchanged"), default=0)
    missing_count = models.PositiveIntegerField(_("no longer listed"), default=0)
    error = models.TextField(_("error"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    applied_at = models.DateTimeField(_("applied"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("import run")
        verbose_name_plural = _("import runs")

    def __str__(self) -> str:
        return f"{self.source} ({self.get_status_display()})"
