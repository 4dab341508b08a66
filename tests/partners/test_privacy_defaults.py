"""Issue 7 #13: a new partner's street address, e-mail and phone are hidden until it chooses to
show them (many partners work near borders and detention centres); existing partners keep the
choice they had."""

from __future__ import annotations

import importlib

import pytest
from django.db import migrations
from rest_framework.test import APIClient

from partners.forms import PartnerProfileForm
from partners.models import Partner
from partners.services.csv_io import partners_import_csv
from partners.services.profiles import partner_create
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

SHOW_FIELDS = ("show_address", "show_email", "show_phone")


def _shown(partner):
    return {name: getattr(partner, name) for name in SHOW_FIELDS}


HIDDEN = dict.fromkeys(SHOW_FIELDS, False)


def test_model_defaults_hide_contact_details():
    assert _shown(Partner()) == HIDDEN


def test_service_creates_partners_with_contacts_hidden():
    partner = partner_create(name="Border Shelter", country="MX", email="a@example.org")
    partner.refresh_from_db()
    assert _shown(partner) == HIDDEN


def test_csv_import_creates_partners_with_contacts_hidden():
    report = partners_import_csv(
        file="name,country,email,phone,address_1\nShelter,MX,a@example.org,+52 1,Calle 1\n",
        dry_run=False,
    )
    assert report.applied, report.rows
    assert _shown(Partner.objects.get(name="Shelter")) == HIDDEN


def test_api_create_hides_contacts_and_the_public_api_shows_none():
    api = APIClient()
    api.force_authenticate(StaffFactory())
    response = api.post(
        "/api/v1/partners/",
        {"name": "Shelter", "country": "MX", "email": "a@example.org", "phone": "+52 1"},
        format="json",
    )
    assert response.status_code == 201, response.content
    partner = Partner.objects.get(name="Shelter")
    assert _shown(partner) == HIDDEN
    api.post(f"/api/v1/partners/{partner.slug}/approve/")
    public = APIClient().get(f"/api/v1/partners/{partner.slug}/").json()
    assert public["contact"] == {}


def test_form_explains_the_choice():
    form = PartnerProfileForm()
    for name in SHOW_FIELDS:
        assert form.fields[name].help_text, name
    assert "hidden" in str(form.fields["show_address"].help_text).lower()


def test_the_migration_leaves_existing_rows_alone():
    """Only the defaults change (AlterField): no data migration rewrites existing partners."""
    module = importlib.import_module("partners.migrations.0007_contact_details_hidden_by_default")
    operations = module.Migration.operations
    assert operations
    assert all(isinstance(op, migrations.AlterField) for op in operations)
    assert {op.name for op in operations} == set(SHOW_FIELDS)
