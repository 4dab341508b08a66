from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from partners.models import Membership, Partner
from tests.factories import (
    FocusAreaFactory,
    LanguageFactory,
    MembershipFactory,
    PartnerFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    partner = PartnerFactory(slug="mine")
    user = UserFactory()
    MembershipFactory(user=user, partner=partner, role=Membership.Role.EDITOR)
    client.force_login(user)
    return client, partner, user


def _form(partner, **overrides):
    data = {
        "name": partner.name,
        "kind": partner.kind,
        "description": partner.description,
        "website": partner.website,
        "email": partner.email,
        "phone": partner.phone,
        "country": "MX",
        "city": partner.city,
        "address_1": partner.address_1,
        "show_email": "on",
        "show_phone": "on",
        "show_address": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_edit_saves_profile_vocabularies_and_history(editor_client):
    client, partner, user = editor_client
    area = FocusAreaFactory(slug="detention")
    LanguageFactory()
    response = client.post(
        reverse("partners:partner-edit", kwargs={"slug": "mine"}),
        _form(
            partner,
            description="Updated text",
            focus_areas=[area.pk],
            languages=["es"],
            social_links="https://a.example/x\n\nhttp://b.example/y",
        ),
    )
    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.description == "Updated text"
    assert list(partner.focus_areas.all()) == [area]
    assert list(partner.languages.values_list("code", flat=True)) == ["es"]
    assert partner.social_links == ["https://a.example/x", "http://b.example/y"]
    history = client.get(
        reverse("partners:partner-history", kwargs={"slug": "mine"})
    ).content.decode()
    assert user.username in history
    assert "description" in history


def test_edit_errors_are_shown_next_to_fields_and_nothing_saved(editor_client):
    client, partner, _user = editor_client
    response = client.post(
        reverse("partners:partner-edit", kwargs={"slug": "mine"}),
        _form(partner, name="", social_links="javascript:alert(1)", latitude="12.5"),
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "name" in form.errors
    assert "social_links" in form.errors
    assert "longitude" in form.errors
    assert 'id="id_name_errors"' in response.content.decode()
    partner.refresh_from_db()
    assert partner.name.startswith("Partner Organisation")


def test_manual_coordinates_and_clearing_them(editor_client, monkeypatch):
    client, partner, _user = editor_client
    calls = []
    monkeypatch.setattr("partners.tasks.partner_geocode.delay", lambda pk: calls.append(pk))
    url = reverse("partners:partner-edit", kwargs={"slug": "mine"})
    client.post(url, _form(partner, latitude="19.5", longitude="-99.25"))
    partner.refresh_from_db()
    assert (partner.latitude, partner.longitude) == (Decimal("19.5"), Decimal("-99.25"))
    assert partner.location_source == Partner.LocationSource.MANUAL
    assert partner.geocode_status == Partner.GeocodeStatus.MANUAL
    client.post(url, _form(partner, latitude="", longitude=""))
    partner.refresh_from_db()
    assert partner.latitude is None
    assert partner.location_source == ""
    assert partner.geocode_status == Partner.GeocodeStatus.PENDING


def test_editor_adds_commitment_and_dated_update(editor_client):
    client, partner, _user = editor_client
    client.post(
        reverse("partners:commitment-list", kwargs={"slug": "mine"}),
        {"kind": "advocacy", "text": "Ratify now", "status": "pledged", "target_country": "US"},
    )
    commitment = partner.commitments.get()
    response = client.post(
        reverse("partners:commitment-edit", kwargs={"slug": "mine", "pk": commitment.pk}),
        {"form": "update", "date": "2025-03-01", "status": "in_progress", "text": "Met MPs"},
    )
    assert response.status_code == 302
    commitment.refresh_from_db()
    assert commitment.status == "in_progress"
    assert commitment.updates.get().text == "Met MPs"


def test_commitment_of_other_partner_is_404(editor_client):
    from tests.factories import CommitmentFactory

    client, _partner, _user = editor_client
    foreign = CommitmentFactory()
    url = reverse("partners:commitment-edit", kwargs={"slug": "mine", "pk": foreign.pk})
    assert client.get(url).status_code == 404


def test_partner_admin_cannot_remove_last_admin(client):
    partner = PartnerFactory()
    admin = UserFactory()
    membership = MembershipFactory(user=admin, partner=partner, role="admin")
    client.force_login(admin)
    client.post(
        reverse("partners:membership-remove", kwargs={"slug": partner.slug, "pk": membership.pk})
    )
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_member_home_lists_my_partners_only(editor_client):
    client, partner, _user = editor_client
    other = PartnerFactory(name="Not mine")
    body = client.get(reverse("partners:member-home")).content.decode()
    assert partner.name in body
    assert other.name not in body


def test_auth_pages_render(client):
    for name in ("login", "password_reset", "password_reset_done"):
        assert client.get(reverse(name)).status_code == 200
    user = UserFactory()
    client.force_login(user)
    assert client.get(reverse("password_change")).status_code == 200
    assert client.post(reverse("logout")).status_code == 302


def test_password_reset_sends_email(client, mailoutbox, django_capture_on_commit_callbacks):
    user = UserFactory(email="forgot@example.org")
    # Sent after commit by the mail task, like every e-mail (core.mail).
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("password_reset"), {"email": "forgot@example.org"}, HTTP_HOST="127.0.0.1:8101"
        )
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert "http://127.0.0.1:8101/en/accounts/reset/" in mailoutbox[0].body
    assert user.username in mailoutbox[0].body
    assert mailoutbox[0].subject == "Reset your Coalition password"


# --- Issue 7 #12: saving a profile must not freeze its map point ------------------------------


def _as_posted(form):
    """What a browser submits for a form rendered with these initial values, untouched."""
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        if value is True:
            data[name] = "on"
        elif isinstance(value, list | tuple):
            data[name] = [getattr(item, "pk", item) for item in value]
        else:
            data[name] = str(value)
    return data


@pytest.fixture
def located_in_chicago(client, django_capture_on_commit_callbacks):
    partner = PartnerFactory(
        slug="chicago",
        country="US",
        city="Chicago",
        state_province="",
        address_1="",
        postal_code="",
        latitude=Decimal("41.850030"),
        longitude=Decimal("-87.650050"),
        city_latitude=Decimal("41.850030"),
        city_longitude=Decimal("-87.650050"),
        location_source=Partner.LocationSource.GAZETTEER,
        geocode_status=Partner.GeocodeStatus.OK,
    )
    user = UserFactory()
    MembershipFactory(user=user, partner=partner, role=Membership.Role.ADMIN)
    client.force_login(user)
    return client, partner


def test_saving_untouched_coordinates_keeps_the_geocoded_location(located_in_chicago):
    client, partner = located_in_chicago
    url = reverse("partners:partner-edit", kwargs={"slug": "chicago"})
    page = client.get(url)
    assert "Located" in page.content.decode()
    response = client.post(url, _as_posted(page.context["form"]))
    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.location_source == Partner.LocationSource.GAZETTEER
    assert partner.geocode_status == Partner.GeocodeStatus.OK
    assert "by hand" not in client.get(url).content.decode().split("<form")[0]


def test_changing_the_city_moves_the_point(located_in_chicago, django_capture_on_commit_callbacks):
    client, partner = located_in_chicago
    url = reverse("partners:partner-edit", kwargs={"slug": "chicago"})
    data = _as_posted(client.get(url).context["form"])
    data["city"] = "Los Angeles"
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, data).status_code == 302
    partner.refresh_from_db()
    assert partner.location_source != Partner.LocationSource.MANUAL
    assert partner.geocode_status == Partner.GeocodeStatus.OK
    assert round(partner.latitude) == 34  # Los Angeles, not Chicago (41.85)
    assert round(partner.longitude) == -118


def test_changing_the_coordinates_pins_the_point(located_in_chicago):
    client, partner = located_in_chicago
    url = reverse("partners:partner-edit", kwargs={"slug": "chicago"})
    data = _as_posted(client.get(url).context["form"])
    data.update(latitude="41.9", longitude="-87.6")
    assert client.post(url, data).status_code == 302
    partner.refresh_from_db()
    assert partner.location_source == Partner.LocationSource.MANUAL
    assert partner.geocode_status == Partner.GeocodeStatus.MANUAL


def test_the_manual_location_label_is_not_doubled(client):
    partner = PartnerFactory(
        slug="pinned",
        latitude=Decimal("19.5"),
        longitude=Decimal("-99.25"),
        location_source=Partner.LocationSource.MANUAL,
        geocode_status=Partner.GeocodeStatus.MANUAL,
    )
    user = UserFactory()
    MembershipFactory(user=user, partner=partner)
    client.force_login(user)
    html = client.get(reverse("partners:partner-edit", kwargs={"slug": "pinned"})).content.decode()
    assert html.lower().count("set by hand") == 1
