"""Shared pieces of partner content: text limits, the language of partner-written text, and the
translated vocabularies (focus areas, languages)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

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
