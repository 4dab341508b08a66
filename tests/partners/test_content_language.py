"""Partner-written descriptions say their language and may come in English and Spanish."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from partners.models import Membership, Partner, shown_text
from partners.services.csv_io import partners_export_csv, partners_import_csv
from tests.factories import MembershipFactory, PartnerFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

EN = "Defends the rights of migrant workers."
ES = "Defiende los derechos de las personas trabajadoras migrantes."


def _page(client, partner, language):
    with translation.override(language):
        url = reverse("partners:partner-detail", kwargs={"slug": partner.slug})
    return client.get(url).content.decode()


def test_shown_text_prefers_the_page_language_and_marks_the_other():
    with translation.override("es"):
        only_english = shown_text(text=EN, language="en", translation="")
        both = shown_text(text=EN, language="en", translation=ES)
        assert (only_english.text, only_english.language) == (EN, "en")
        assert only_english.is_foreign
        assert only_english.note == "Escrito en inglés"
        assert (both.text, both.language, both.is_foreign) == (ES, "es", False)
        assert (both.other_text, both.other_language) == (EN, "en")
    with translation.override("en"):
        assert shown_text(text=EN, language="en", translation=ES).text == EN
        assert shown_text(text=ES, language="es", translation="").note == "Written in Spanish"
        # Only a translation given: shown, in its own language.
        assert shown_text(text="", language="en", translation=ES).language == "es"


def test_spanish_page_shows_an_english_only_description_marked_as_english(client):
    partner = PartnerFactory(description=EN, description_language="en")
    body = _page(client, partner, "es")
    assert '<div class="partner-text" lang="en">' in body
    assert "Escrito en inglés" in body
    assert EN in body
    english = _page(client, partner, "en")
    assert '<div class="partner-text">' in english  # the page's own language: no lang
    assert "Written in English" not in english


def test_each_page_shows_the_version_in_its_language_and_offers_the_other(client):
    partner = PartnerFactory(description=ES, description_language="es", description_translation=EN)
    spanish = _page(client, partner, "es")
    english = _page(client, partner, "en")
    assert spanish.index(ES) < spanish.index(EN)  # Spanish first, English folded below
    assert '<div class="partner-text">' in spanish
    assert english.index(EN) < english.index(ES)
    assert '<div lang="es">' in english


def test_description_text_is_escaped_in_both_versions(client):
    partner = PartnerFactory(
        description="<script>alert(1)</script>", description_translation="<b>x</b>"
    )
    body = _page(client, partner, "es")
    assert "<script>alert(1)</script>" not in body
    assert "&lt;b&gt;x&lt;/b&gt;" in body


def test_member_edit_form_saves_the_translation_and_language(client):
    partner = PartnerFactory(slug="mine", description=EN)
    user = UserFactory()
    MembershipFactory(user=user, partner=partner, role=Membership.Role.EDITOR)
    client.force_login(user)
    url = reverse("partners:partner-edit", kwargs={"slug": "mine"})
    page = client.get(url).content.decode()
    assert 'name="description_language"' in page
    assert 'name="description_translation"' in page
    data = {
        "name": partner.name,
        "kind": partner.kind,
        "description": ES,
        "description_language": "es",
        "description_translation": EN,
        "country": "MX",
        "city": partner.city,
    }
    assert client.post(url, data).status_code == 302
    partner.refresh_from_db()
    assert (partner.description, partner.description_language) == (ES, "es")
    assert partner.description_translation == EN

    # An unknown language is refused next to the field and nothing changes.
    response = client.post(url, {**data, "description_language": "fr", "description": "Nouveau"})
    assert response.status_code == 200
    assert "description_language" in response.context["form"].errors
    partner.refresh_from_db()
    assert (partner.description, partner.description_language) == (ES, "es")


def test_csv_round_trip_and_blank_language_keeps_the_current_one():
    partner = PartnerFactory(
        slug="bilingual", description=ES, description_language="es", description_translation=EN
    )
    exported = "".join(partners_export_csv(Partner.objects.all()))
    header = exported.splitlines()[0].split(",")
    assert {"description_language", "description_translation"} <= set(header)
    report = partners_import_csv(
        file="name,slug,country,description_language,description_translation\n"
        f"{partner.name},bilingual,MX,,Updated English\n",
        user=StaffFactory(),
        dry_run=False,
    )
    assert report.is_valid, report.rows
    partner.refresh_from_db()
    assert (partner.description_language, partner.description_translation) == (
        "es",
        "Updated English",
    )
    bad = partners_import_csv(
        file=f"name,slug,country,description_language\n{partner.name},bilingual,MX,de\n",
        user=StaffFactory(),
        dry_run=False,
    )
    assert not bad.is_valid
    partner.refresh_from_db()
    assert partner.description_language == "es"


def test_api_exposes_both_versions(client):
    PartnerFactory(slug="api-one", description=ES, description_language="es")
    response = client.get("/api/v1/partners/api-one/")
    assert response.status_code == 200
    data = response.json()
    assert (data["description"], data["description_language"]) == (ES, "es")
    assert data["description_translation"] == ""


def test_commitments_show_their_language_on_the_partner_page(client):
    from tests.factories import CommitmentFactory

    partner = PartnerFactory(slug="committed")
    CommitmentFactory(partner=partner, text="Campaign for ratification.", text_language="en")
    CommitmentFactory(
        partner=partner,
        text="Incidencia ante el Congreso.",
        text_language="es",
        text_translation="Advocacy before Congress.",
    )
    spanish = _page(client, partner, "es")
    assert '<div class="partner-text" lang="en"><p>Campaign for ratification.</p></div>' in spanish
    assert '<div class="partner-text"><p>Incidencia ante el Congreso.</p></div>' in spanish
    english = _page(client, partner, "en")
    assert '<div class="partner-text"><p>Advocacy before Congress.</p></div>' in english
    assert "Written in Spanish" in english  # the folded original


def test_commitment_edit_without_the_language_keeps_it(client):
    from partners.models import Commitment
    from tests.factories import CommitmentFactory

    partner = PartnerFactory(slug="mine")
    user = UserFactory()
    MembershipFactory(user=user, partner=partner, role=Membership.Role.EDITOR)
    client.force_login(user)
    commitment = CommitmentFactory(partner=partner, text="Incidencia.", text_language="es")
    url = reverse("partners:commitment-edit", kwargs={"slug": "mine", "pk": commitment.pk})
    response = client.post(
        url, {"kind": commitment.kind, "text": "Incidencia ante el Senado.", "status": "pledged"}
    )
    assert response.status_code == 302
    commitment = Commitment.objects.get(pk=commitment.pk)
    assert (commitment.text, commitment.text_language) == ("Incidencia ante el Senado.", "es")
