"""Country, region and sub-region names, and treaty titles, in the active language."""

from __future__ import annotations

import pytest
from django.utils import translation

from ratification import names
from ratification.selectors.treaties import name_key
from tests.factories import CountryFactory, TreatyFactory


def test_country_name_keeps_the_un_english_name_and_uses_the_catalogue_elsewhere():
    with translation.override("en"):
        assert names.country_name("BO", "Bolivia (Plurinational State of)") == (
            "Bolivia (Plurinational State of)"
        )
        assert names.country_name("MX") == "Mexico"  # no M49 row at hand: django-countries
        # ... which is told the shipped M49 names (issue 15, item 11), not "United States of
        # America".
        assert names.country_name("US") == "United States"
    with translation.override("es"):
        assert names.country_name("MX", "Mexico") == "México"
        assert names.country_name("mx", "Mexico") == "México"
        assert names.country_name("TR", "Türkiye") == "Turquía"
        assert names.country_name("EU") == "Unión Europea"  # the project's override, translated
        # A code nobody knows keeps the stored name, or the code itself, never an empty cell.
        assert names.country_name("QQ", "Somewhere") == "Somewhere"
        assert names.country_name("QQ") == "QQ"


@pytest.mark.parametrize(
    ("english", "spanish"),
    [("Americas", "Américas"), ("Africa", "África"), ("Oceania", "Oceanía")],
)
def test_regions_are_translated(english, spanish):
    with translation.override("es"):
        assert names.region_label(english) == spanish
    with translation.override("en"):
        assert names.region_label(english) == english


def test_every_shipped_subregion_is_translated(db):
    from ratification.models import Country
    from ratification.services.reference_data import countries_load

    countries_load()
    shipped = set(Country.objects.values_list("subregion", flat=True)) - {""}
    assert shipped <= set(names.SUBREGION_LABELS)
    with translation.override("es"):
        assert names.subregion_label("Central America") == "Centroamérica"
        assert names.subregion_label("Latin America and the Caribbean") == (
            "América Latina y el Caribe"
        )
        untranslated = [s for s in shipped if names.subregion_label(s) == s]
        assert sorted(untranslated) == ["Melanesia", "Micronesia"]  # the same in Spanish
    assert names.subregion_label("Atlantis") == "Atlantis"  # unknown: shown as stored


@pytest.mark.django_db
def test_country_model_names_itself_in_the_active_language():
    mexico = CountryFactory(subregion="Central America")
    with translation.override("es"):
        assert (str(mexico), mexico.localized_name) == ("México", "México")
        assert (mexico.region_label, mexico.subregion_label) == ("Américas", "Centroamérica")
    with translation.override("en"):
        assert (str(mexico), mexico.region_label) == ("Mexico", "Americas")


@pytest.mark.django_db
def test_treaty_texts_fall_back_to_english_when_the_spanish_is_missing():
    treaty = TreatyFactory(
        slug="iccpr",
        short_name="ICCPR",
        name="International Covenant on Civil and Political Rights",
        short_name_es="PIDCP",
        name_es="Pacto Internacional de Derechos Civiles y Políticos",
        description="Civil and political rights.",
        untc_reference="IV-4",
    )
    with translation.override("es"):
        assert str(treaty) == "PIDCP"
        assert treaty.localized_name == "Pacto Internacional de Derechos Civiles y Políticos"
        # No Spanish description yet: the English one, marked as English.
        assert treaty.localized_description == "Civil and political rights."
        assert treaty.localized_description_language == "en"
    with translation.override("en"):
        assert (str(treaty), treaty.localized_name) == ("ICCPR", treaty.name)
    treaty.description_es = "Derechos civiles y políticos."
    with translation.override("es"):
        assert treaty.localized_description == "Derechos civiles y políticos."
        assert treaty.localized_description_language == "es"


def test_name_key_sorts_spanish_names_with_accents_in_place():
    spanish = ["Perú", "Panamá", "Österreich", "Países Bajos", "Omán"]
    assert sorted(spanish, key=name_key) == ["Omán", "Österreich", "Países Bajos", "Panamá", "Perú"]
