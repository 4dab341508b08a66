"""The member edit form labels focus areas and languages in the page's language, in that
language's order, as the public pages do (issue 15, item 14)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from core.search import fold
from partners.models import FocusArea, Language, Membership
from tests.factories import MembershipFactory, PartnerFactory, UserFactory

pytestmark = pytest.mark.django_db


def _labels(client, lang: str, name: str) -> list[str]:
    with_prefix = reverse("partners:partner-edit", kwargs={"slug": "mine"}).replace(
        "/en/", f"/{lang}/", 1
    )
    response = client.get(with_prefix)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "lxml")
    return [
        soup.find("label", attrs={"for": box["id"]}).get_text(strip=True)
        for box in soup.select(f'input[type=checkbox][name="{name}"]')
    ]


@pytest.fixture
def editor(client):
    user = UserFactory()
    MembershipFactory(user=user, partner=PartnerFactory(slug="mine"), role=Membership.Role.EDITOR)
    client.force_login(user)
    return client


@pytest.mark.parametrize(("name", "model"), [("focus_areas", FocusArea), ("languages", Language)])
def test_vocabularies_read_in_the_page_language(editor, name, model):
    entries = list(model.objects.all())
    differing = [e for e in entries if e.name_es and e.name_es != e.name]
    assert len(differing) >= 3  # the vocabularies the migrations load

    english = _labels(editor, "en", name)
    spanish = _labels(editor, "es", name)
    assert sorted(english) == sorted(e.name for e in entries)
    assert sorted(spanish) == sorted(e.name_es or e.name for e in entries)
    for entry in differing:
        assert entry.name_es in spanish
        assert entry.name not in spanish
    # In the reader's order, accents and case ignored.
    assert spanish == sorted(spanish, key=lambda text: (fold(text), text))
    assert english == sorted(english, key=lambda text: (fold(text), text))


def test_spanish_languages_sort_accents_as_letters(editor):
    spanish = _labels(editor, "es", "languages")
    assert spanish.index("alemán") < spanish.index("árabe") < spanish.index("bengalí")


def test_the_spanish_form_still_saves_the_chosen_entries(editor):
    from tests.partners.test_views_member import _form

    partner = PartnerFactory._meta.model.objects.get(slug="mine")
    area = FocusArea.objects.get(slug="detention")
    url = reverse("partners:partner-edit", kwargs={"slug": "mine"}).replace("/en/", "/es/", 1)
    response = editor.post(url, _form(partner, focus_areas=[area.pk], languages=["ar"]))
    assert response.status_code == 302, response.content[:2000]
    partner.refresh_from_db()
    assert list(partner.focus_areas.all()) == [area]
    assert [lang.code for lang in partner.languages.all()] == ["ar"]
