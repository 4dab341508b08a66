from __future__ import annotations

import pytest
from django.core.management import call_command

from partners.models import FocusArea, Language, Partner
from tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db


def test_vocabularies_are_loaded_by_migration():
    assert FocusArea.objects.filter(slug="detention", name_es="Detención migratoria").exists()
    assert Language.objects.filter(code="es").exists()
    assert Language.objects.count() >= 25


def test_load_is_idempotent_marked_and_removable():
    real = PartnerFactory(name="Real Org")
    call_command("load_demo_partners")
    first = sorted(Partner.objects.filter(is_demo=True).values_list("slug", "updated_at"))
    call_command("load_demo_partners")
    demo = Partner.objects.filter(is_demo=True)
    assert len(first) == demo.count() == 24
    assert demo.values("country").distinct().count() >= 12
    for partner in demo:
        assert partner.name.endswith(" (demo)")
        assert "Demo data" in partner.description
        assert partner.city_latitude is not None
        assert partner.focus_areas.exists()
    assert demo.filter(commitments__isnull=False).exists()
    call_command("load_demo_partners", "--remove")
    assert not Partner.objects.filter(is_demo=True).exists()
    assert Partner.objects.filter(pk=real.pk).exists()


def test_demo_partners_are_marked_on_public_pages_without_developer_instructions(client):
    call_command("load_demo_partners")
    real = PartnerFactory(name="Real Org")
    demo = Partner.objects.filter(is_demo=True).order_by("name").first()

    directory = client.get("/en/partners/").content.decode()
    rows = directory.split("<tbody>")[1].split("</tbody>")[0].split("<tr>")
    demo_row = next(r for r in rows if demo.name in r)
    real_row = next(r for r in rows if "Real Org" in r)
    assert '<span class="badge demo">Demo</span>' in demo_row
    assert "badge demo" not in real_row

    profile = client.get(f"/en/partners/{demo.slug}/").content.decode()
    assert '<span class="badge demo">Demo</span>' in profile
    assert "badge demo" not in client.get(f"/en/partners/{real.slug}/").content.decode()
    assert "Demo" in client.get(f"/es/partners/{demo.slug}/").content.decode()

    for body in (directory, profile):
        assert "--remove" not in body
        assert "load_demo_partners" not in body
        assert "manage.py" not in body


def test_staff_dashboard_reminds_staff_to_remove_demo_partners(client):
    from tests.factories import StaffFactory

    client.force_login(StaffFactory())
    assert "load_demo_partners --remove" not in client.get("/en/staff/").content.decode()
    call_command("load_demo_partners")
    body = client.get("/en/staff/").content.decode()
    assert "24 demo partners are still listed" in body
    assert "load_demo_partners --remove" in body
