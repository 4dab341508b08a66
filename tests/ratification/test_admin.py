"""Django admin: the ratification models are registered, history is visible, imports read-only."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from ratification.models import ImportRun, TreatyAction
from ratification.services.imports import treaty_import_from_source
from tests.ratification.untc_pages import CMW

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_(client):
    user = get_user_model().objects.create_superuser("root", "root@example.org", "pw-12345678")
    client.force_login(user)
    return client


@pytest.mark.parametrize("model", ["country", "treaty", "treatyaction", "importrun"])
def test_changelists_render(admin_client_, model):
    treaty_import_from_source(source=str(CMW))
    response = admin_client_.get(reverse(f"admin:ratification_{model}_changelist"))
    assert response.status_code == 200


def test_action_history_is_visible(admin_client_):
    treaty_import_from_source(source=str(CMW))
    action = TreatyAction.objects.get(country="MX", kind="ratification")

    response = admin_client_.get(
        reverse("admin:ratification_treatyaction_history", args=[action.pk])
    )

    assert response.status_code == 200
    assert "UNTC import #" in response.content.decode()


def test_import_runs_are_read_only(admin_client_):
    run = treaty_import_from_source(source=str(CMW))

    assert admin_client_.get(reverse("admin:ratification_importrun_add")).status_code == 403
    change = admin_client_.get(reverse("admin:ratification_importrun_change", args=[run.pk]))
    assert change.status_code == 200
    assert 'name="_save"' not in change.content.decode()
    delete = admin_client_.post(reverse("admin:ratification_importrun_delete", args=[run.pk]))
    assert delete.status_code == 403
    assert ImportRun.objects.filter(pk=run.pk).exists()


def test_treaty_action_saved_in_the_admin_goes_through_the_service(admin_client_):
    from tests.factories import TreatyFactory

    treaty = TreatyFactory()
    response = admin_client_.post(
        reverse("admin:ratification_treatyaction_add"),
        {
            "treaty": treaty.pk,
            "country": "MX",
            "kind": "signature",
            "date": "2001-02-03",
            "article": "",
            "text": "",
            "source_url": "",
            "source_as_of": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    action = TreatyAction.objects.get(treaty=treaty)
    assert action.country == "MX"
    assert action.history.get().history_user.username == "root"

    delete = admin_client_.post(
        reverse("admin:ratification_treatyaction_delete", args=[action.pk]), {"post": "yes"}
    )
    assert delete.status_code == 302
    assert not TreatyAction.objects.filter(pk=action.pk).exists()
    assert action.history.latest().history_user.username == "root"


def test_reference_data_is_read_only(admin_client_):
    assert admin_client_.get(reverse("admin:ratification_treaty_add")).status_code == 403
    assert admin_client_.get(reverse("admin:ratification_country_add")).status_code == 403
