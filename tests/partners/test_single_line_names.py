"""Issue 7, defect 3: one-line fields refuse line breaks at every entry point."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from partners.models import Membership, Partner
from partners.services.csv_io import partners_import_csv
from tests.factories import MembershipFactory, PartnerFactory, StaffFactory

pytestmark = pytest.mark.django_db
BAD = "Org\nBcc: x@y"


def test_api_patch_refuses_a_newline_and_changes_nothing():
    partner = PartnerFactory(name="Original")
    editor = MembershipFactory(partner=partner, role=Membership.Role.EDITOR).user
    client = APIClient()
    client.force_authenticate(editor)
    response = client.patch(f"/api/v1/partners/{partner.slug}/", {"name": BAD}, format="json")
    assert response.status_code == 400
    assert "name" in response.json()
    partner.refresh_from_db()
    assert partner.name == "Original"


def test_api_create_refuses_a_newline_in_the_city():
    client = APIClient()
    client.force_authenticate(StaffFactory())
    response = client.post(
        "/api/v1/partners/", {"name": "Fine", "country": "MX", "city": "A\rB"}, format="json"
    )
    assert response.status_code == 400
    assert "city" in response.json()
    assert not Partner.objects.filter(name="Fine").exists()


def test_csv_import_reports_the_row():
    data = 'name,country\n"Org\nBcc: x@y",MX\n'
    report = partners_import_csv(file=data, dry_run=False)
    assert not report.applied
    assert "name" in report.error_rows[0].errors
    assert Partner.objects.count() == 0


def test_admin_form_refuses_a_newline(client):
    partner = PartnerFactory(name="Original")
    client.force_login(StaffFactory(is_superuser=True))
    url = reverse("admin:partners_partner_change", args=[partner.pk])
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list)}
    data.update({"name": BAD, "country": "MX"})
    response = client.post(url, data)
    assert response.status_code == 200  # the form again, with the error
    partner.refresh_from_db()
    assert partner.name == "Original"


def test_member_edit_form_refuses_a_newline(client):
    partner = PartnerFactory(name="Original")
    editor = MembershipFactory(partner=partner, role=Membership.Role.EDITOR).user
    client.force_login(editor)
    url = reverse("partners:partner-edit", kwargs={"slug": partner.slug})
    response = client.post(url, {"name": BAD, "country": "MX", "kind": "ngo"})
    assert response.status_code == 200
    assert "single line" in response.content.decode()
    partner.refresh_from_db()
    assert partner.name == "Original"
