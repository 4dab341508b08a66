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
