"""The shared form include (templates/includes/form_fields.html) and the "Error:" title
(core/templatetags/forms_a11y.py): every form says what went wrong, where, and first."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from partners.models import JoinRequest, Membership
from tests.factories import MembershipFactory, PartnerFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def _ids(body: str) -> set[str]:
    return set(re.findall(r'\sid="([^"]+)"', body))


def _described_by(body: str) -> set[str]:
    found: set[str] = set()
    for value in re.findall(r'aria-describedby="([^"]+)"', body):
        found.update(value.split())
    return found


def _title(body: str) -> str:
    match = re.search(r"<title>(.*?)</title>", body, re.S)
    assert match
    return match.group(1).strip()


@pytest.fixture
def member_client(client):
    partner = PartnerFactory(slug="mine")
    user = UserFactory()
    MembershipFactory(user=user, partner=partner, role=Membership.Role.ADMIN)
    client.force_login(user)
    return client


def test_every_described_by_id_exists_on_the_partner_edit_page(member_client):
    body = member_client.get(reverse("partners:partner-edit", kwargs={"slug": "mine"})).content
    text = body.decode()
    described = _described_by(text)
    # The fields the issue names: their help text is now announced with them.
    assert {"id_social_links_helptext", "id_latitude_helptext"} <= described
    assert described <= _ids(text)


def test_every_described_by_id_exists_on_the_staff_upload_page(client):
    client.force_login(StaffFactory())
    text = client.get(reverse("ratification:import-upload")).content.decode()
    described = _described_by(text)
    assert {"id_page_helptext", "id_treaty_helptext"} <= described
    assert described <= _ids(text)


def test_required_fields_are_marked_in_words(client):
    text = client.get(reverse("partners:partner-join")).content.decode()
    assert "(required)" in text
    assert re.search(r'<input[^>]*name="organisation_name"[^>]*required', text)
    spanish = client.get(reverse("partners:partner-join").replace("/en/", "/es/")).content
    assert "(obligatorio)" in spanish.decode()


def test_a_page_without_errors_has_no_summary_no_error_title_and_no_script(client):
    text = client.get(reverse("partners:partner-join")).content.decode()
    assert "data-error-summary" not in text
    assert not _title(text).startswith("Error")
    assert "a11y.js" not in text


# "Error:" is the same word in Spanish; the msgid is translated all the same.
@pytest.mark.parametrize(("language", "prefix"), [("en", "Error:"), ("es", "Error:")])
def test_failed_submission_is_announced_and_saves_nothing(client, language, prefix):
    url = reverse("partners:partner-join").replace("/en/", f"/{language}/")
    response = client.post(url, {"organisation_name": "", "contact_email": "not-an-email"})
    text = response.content.decode()
    assert response.status_code == 200
    assert _title(text).startswith(prefix)
    summary = re.search(r"<div class=\"error-summary\"(.*?)</div>", text, re.S)
    assert summary
    assert 'role="alert"' in summary.group(0)
    assert 'tabindex="-1"' in summary.group(0)
    targets = re.findall(r'href="#([^"]+)"', summary.group(0))
    assert "id_organisation_name" in targets
    assert "id_contact_email" in targets
    assert set(targets) <= _ids(text)
    # Each field is described by its own error message.
    assert "id_contact_email_error" in _described_by(text)
    assert _described_by(text) <= _ids(text)
    assert "a11y.js" in text
    assert JoinRequest.objects.count() == 0


def test_spanish_title_is_translated(client):
    url = reverse("partners:partner-join").replace("/en/", "/es/")
    text = client.post(url, {"organisation_name": ""}).content.decode()
    assert "Hay un problema" in text
    assert "(obligatorio)" in text


def test_sign_in_failure_is_announced(client):
    response = client.post(reverse("login"), {"username": "nobody", "password": "wrong"})
    text = response.content.decode()
    assert _title(text).startswith("Error:")
    assert "data-error-summary" in text
