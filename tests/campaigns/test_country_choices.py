"""The country select of the sign and activity forms: an empty prompt first, required, names
sorted in the page's language without regard to case or accents."""

from __future__ import annotations

import pytest
from django.utils import translation

from campaigns.forms import ActivityForm, IndividualSignForm, OrganisationSignForm, country_choices


def test_prompt_comes_first_and_is_empty_in_each_language():
    with translation.override("en"):
        assert country_choices()[0] == ("", "Choose a country")
    with translation.override("es"):
        assert country_choices()[0] == ("", "Elija un país")


def test_spanish_names_sort_without_regard_to_case():
    with translation.override("es"):
        names = [name for _code, name in country_choices()[1:]]
    # Django-countries alone puts "Costa Rica" first (capital R before small d).
    assert names.index("Costa de Marfil") < names.index("Costa Rica")
    assert names.index("Isla de Man") < names.index("Isla Norfolk")
    assert names.index("Islas de Åland") < names.index("Islas Feroe")
    assert names[0] == "Afganistán"


@pytest.mark.parametrize("form_class", [IndividualSignForm, OrganisationSignForm])
def test_sign_forms_refuse_a_missing_country(form_class):
    form = form_class({f"{form_class.kind}-name": "Ana", f"{form_class.kind}-country": ""})
    assert not form.is_valid()
    assert form.errors["country"] == ["Choose a country from the list."]
    assert form["country"].initial is None
    html = str(form["country"])
    assert '<option value="" selected>Choose a country</option>' in html
    assert "required" in html


@pytest.mark.django_db
def test_activity_form_country_has_the_prompt_and_is_required():
    form = ActivityForm({"activity-country": ""}, partners=[])
    html = str(form["country"])
    assert '<option value="" selected>Choose a country</option>' in html
    assert not form.is_valid()
    assert form.errors["country"] == ["Choose a country from the list."]
