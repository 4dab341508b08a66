"""The sign forms' country list is written in one pass (ManyOptionsSelect), not a template per
<option>: the HTML is the same as Django's own Select writes, in either language."""

from __future__ import annotations

import pytest
from django import forms
from django.utils import translation

from campaigns.forms import IndividualSignForm, ManyOptionsSelect, country_choices


class _Pair(forms.Form):
    fast = forms.TypedChoiceField(choices=country_choices, widget=ManyOptionsSelect)
    django = forms.TypedChoiceField(choices=country_choices, widget=forms.Select)


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("value", [None, "MX", "CI", "XK", "not-a-code"])
def test_same_html_as_djangos_select(language, value):
    with translation.override(language):
        form = _Pair(data={"fast": value, "django": value} if value else None)
        fast = str(form["fast"]).replace("fast", "FIELD")
        django = str(form["django"]).replace("django", "FIELD")
        assert fast == django
        assert fast.count("<option") > 240
        if value == "MX":
            assert '<option value="MX" selected>' in fast


def test_attributes_and_errors_are_written_as_django_writes_them():
    form = IndividualSignForm(data={"individual-country": ""})
    assert not form.is_valid()
    html = str(form["country"])
    assert 'aria-invalid="true"' in html
    assert isinstance(form.fields["country"].widget, ManyOptionsSelect)
    form.fields["country"].widget = forms.Select(choices=country_choices())
    assert html == str(form["country"])


def test_country_choices_follow_the_language():
    with translation.override("es"):
        spanish = dict(country_choices())
    with translation.override("en"):
        english = dict(country_choices())
    assert spanish["DE"] == "Alemania"
    assert english["DE"] == "Germany"
