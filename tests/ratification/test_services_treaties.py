"""Staff corrections of a treaty's Spanish names and descriptions (service and admin)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse

from ratification.models import TREATY_DESCRIPTION_MAX_LENGTH, Treaty
from ratification.services.treaties import treaty_texts_update
from tests.factories import TreatyFactory

pytestmark = pytest.mark.django_db


def test_update_changes_only_the_given_texts_stripped():
    treaty = TreatyFactory(name_es="Viejo")
    treaty_texts_update(treaty=treaty, data={"name_es": "  Nuevo título  ", "short_name_es": ""})
    treaty.refresh_from_db()
    assert (treaty.name_es, treaty.short_name_es, treaty.short_name) == (
        "Nuevo título",
        "",
        "ICRMW",
    )


def test_unknown_fields_are_refused_and_nothing_changes():
    treaty = TreatyFactory()
    with pytest.raises(TypeError):
        treaty_texts_update(treaty=treaty, data={"name": "Renamed", "name_es": "X"})
    assert Treaty.objects.get(pk=treaty.pk).name_es == ""
    assert Treaty.objects.get(pk=treaty.pk).name == treaty.name


def test_too_long_a_description_is_refused_and_nothing_changes():
    treaty = TreatyFactory(description_es="Corta.")
    with pytest.raises(ValidationError):
        treaty_texts_update(
            treaty=treaty, data={"description_es": "x" * (TREATY_DESCRIPTION_MAX_LENGTH + 1)}
        )
    assert Treaty.objects.get(pk=treaty.pk).description_es == "Corta."


@pytest.fixture
def admin_client_(client):
    user = get_user_model().objects.create_superuser("root", "root@example.org", "pw-12345678")
    client.force_login(user)
    return client


def test_staff_edit_the_spanish_texts_in_the_admin_and_nothing_else(admin_client_):
    treaty = TreatyFactory()
    url = reverse("admin:ratification_treaty_change", args=[treaty.pk])
    page = admin_client_.get(url).content.decode()
    assert 'name="name_es"' in page
    assert 'name="name"' not in page  # the English title comes from imports: read-only

    response = admin_client_.post(
        url,
        {
            "name_es": "Convención Internacional sobre la protección de los derechos de todos "
            "los trabajadores migratorios y de sus familiares",
            "short_name_es": "",
            "description": "Protects migrant workers.",
            "description_es": "Protege a los trabajadores migratorios.",
            "name": "Renamed by a crafted post",
        },
    )
    assert response.status_code == 302
    treaty.refresh_from_db()
    assert treaty.name_es.startswith("Convención Internacional")
    assert treaty.description_es == "Protege a los trabajadores migratorios."
    assert treaty.name.startswith("International Convention")  # unchanged


def test_treaties_cannot_be_added_or_deleted_in_the_admin(admin_client_):
    treaty = TreatyFactory()
    assert admin_client_.get(reverse("admin:ratification_treaty_add")).status_code == 403
    response = admin_client_.post(reverse("admin:ratification_treaty_delete", args=[treaty.pk]))
    assert response.status_code == 403
    assert Treaty.objects.filter(pk=treaty.pk).exists()
