"""The directory's search box finds what people type (issue 15, item 9): city names, focus areas
and languages in both languages, descriptions in both languages, accent- and case-blind. The same
tests run on SQLite (`make test`, substring fallback) and on PostgreSQL (`make test-services`,
full-text search)."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.search import TRANSLATE_FROM, TRANSLATE_TO, fold, search_words
from partners.selectors.directory import DirectoryFilters, partner_directory_search
from tests.factories import FocusAreaFactory, LanguageFactory, PartnerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def partners():
    labour = FocusAreaFactory(
        slug="trafficking", name="Trafficking and forced labour", name_es="Trata y trabajo forzoso"
    )
    portuguese = LanguageFactory(code="pt", name="Portuguese", name_es="Portugués")
    tijuana = PartnerFactory(
        name="Asociación Frontera Digna",
        country="MX",
        city="Tijuana",
        description="Acompañamos a personas deportadas.",
        description_language="es",
        description_translation="We walk with deported people.",
    )
    tijuana.focus_areas.add(labour)
    mexicali = PartnerFactory(name="Casa del Migrante", country="MX", city="Mexicali")
    mexicali.languages.add(portuguese)
    berlin = PartnerFactory(name="Łódź Workers Union", country="DE", city="Berlin")
    return {"tijuana": tijuana, "mexicali": mexicali, "berlin": berlin}


def found(q: str) -> set[str]:
    return {p.city for p in partner_directory_search(filters=DirectoryFilters(q=q))}


@pytest.mark.parametrize(
    ("query", "cities"),
    [
        ("Tijuana", {"Tijuana"}),
        ("mexicali", {"Mexicali"}),
        ("trabajo", {"Tijuana"}),  # a focus area's Spanish name
        ("forced labour", {"Tijuana"}),  # its English name, two words
        ("portugués", {"Mexicali"}),  # a language's Spanish name
        ("PORTUGUES", {"Mexicali"}),
        ("Portuguese", {"Mexicali"}),
        ("asociacion", {"Tijuana"}),  # accent- and case-blind
        ("ASOCIACIÓN frontera", {"Tijuana"}),
        ("deported", {"Tijuana"}),  # the description's translation
        ("acompanamos", {"Tijuana"}),  # the description, without its ñ
        ("lodz", {"Berlin"}),
        ("México", {"Tijuana", "Mexicali"}),  # the country, in Spanish
        ("Germany", {"Berlin"}),  # and in English
        ("Alemania", {"Berlin"}),
        ("Tijuana Mexicali", set()),  # every word must be found
        ("nowhere", set()),
        ("%", {"Tijuana", "Mexicali", "Berlin"}),  # no words: no search
    ],
)
def test_search_finds_what_people_type(partners, query, cities):
    assert found(query) == cities


def test_the_wildcards_of_like_are_plain_characters(partners):
    PartnerFactory(name="100_percent", city="Quito", country="EC")
    assert found("100_percent") == {"Quito"}  # split into "100" and "percent"
    assert found("10%") == {"Quito"}


def test_postgresql_uses_full_text_search(partners):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (run `make test-services`)")
    with CaptureQueriesContext(connection) as queries:
        assert found("asoc") == {"Tijuana"}  # a prefix, as full-text search matches it
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    assert "to_tsvector" in sql
    assert "to_tsquery" in sql


def test_fold_and_the_database_fold_agree():
    assert fold("Asociación ÑANDÚ Łódź Øresund") == "asociacion nandu lodz oresund"
    assert search_words("  ¿Dónde   está, São-Paulo? ") == ["donde", "esta", "sao", "paulo"]
    assert len(TRANSLATE_FROM) == len(TRANSLATE_TO)
    for accented, bare in zip(TRANSLATE_FROM, TRANSLATE_TO, strict=True):
        assert fold(accented) == bare.lower(), accented


@pytest.mark.parametrize("field", ["description", "description_translation"])
def test_trabajo_finds_a_spanish_description_in_either_field(field):
    # A Spanish description, or the Spanish translation of an English one; no focus area helps.
    texts = {
        "description": "Defendemos el trabajo digno de las personas migrantes.",
        "description_translation": "Defendemos el trabajo digno de las personas migrantes.",
    }
    other = "description_translation" if field == "description" else "description"
    PartnerFactory(
        name="Centro Laboral",
        city="Quito",
        country="EC",
        **{field: texts[field], other: "We defend decent jobs for migrant people."},
        description_language="es" if field == "description" else "en",
    )
    PartnerFactory(name="Elsewhere", city="Lima", country="PE", description="Nothing here.")
    assert found("trabajo") == {"Quito"}
    assert found("TRABAJO digno") == {"Quito"}
    assert found("decent jobs") == {"Quito"}  # the other language's text as well


def test_a_state_or_province_is_found_like_a_city():
    PartnerFactory(name="Casa Norte", city="Ensenada", state_province="Baja California")
    PartnerFactory(name="Casa Sur", city="Oaxaca", state_province="Oaxaca")
    assert found("baja california") == {"Ensenada"}


def test_the_demo_data_finds_tijuana_and_trabajo():
    # `make run` loads the demo partners: the queries find them there. (No demo partner
    # is based in Mexicali, so that query rightly finds nothing in the demo data.)
    call_command("load_demo_partners")
    tijuana = found("Tijuana")
    assert tijuana == {"Tijuana"}
    assert len(found("trabajo")) >= 3  # "Trabajo doméstico" and "Trata y trabajo forzoso"
    assert found("frontera digna") == {"Tijuana"}


def test_postgresql_full_text_search_covers_every_text_field(partners):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (run `make test-services`)")
    # Prefixes of words in the city, the description, its translation and the name, each found
    # by the full-text path; a word in the middle of another word is not a prefix.
    assert found("tiju") == {"Tijuana"}
    assert found("acompa") == {"Tijuana"}
    assert found("deport") == {"Tijuana"}
    assert found("digna frontera") == {"Tijuana"}
    assert found("ijuana") == set()
