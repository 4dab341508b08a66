"""Signatory counts agree with the UN: every state that signed, and of those, the ones not party.

The UN Treaty Collection's ICRMW page says "Signatories: 40, Parties: 60"; Coalition showed only
11 "signatories (not parties)" everywhere, which campaigners quoting the UN took for an error.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from ratification.selectors.dashboard import staff_dashboard
from ratification.selectors.treaties import headline_summary, treaty_participants, treaty_summaries
from ratification.services.imports import treaty_import_from_source
from tests.factories import StaffFactory
from tests.ratification.untc_pages import CMW

pytestmark = pytest.mark.django_db

UN_HEADER = (60, 40, 11)  # parties, signatories (the UN's count), signatories not yet parties


@pytest.fixture(autouse=True)
def _english_afterwards():
    """A request under /es/ leaves Spanish active in this thread: later tests expect English."""
    yield
    translation.activate("en")


@pytest.fixture
def icrmw():
    run = treaty_import_from_source(source=str(CMW))
    assert (run.treaty.header_parties, run.treaty.header_signatories) == UN_HEADER[:2]
    return run.treaty


def test_selectors_give_the_un_count_and_the_not_yet_party_count(icrmw):
    (summary,) = treaty_summaries()
    assert (summary.parties, summary.signatories_total, summary.signatories) == UN_HEADER
    headline = headline_summary()
    assert headline is not None
    assert (headline.parties, headline.signatories_total, headline.signatories) == UN_HEADER
    data = treaty_participants(treaty=icrmw)
    assert (data.parties, data.signatories_total, data.signatories) == UN_HEADER
    dashboard = staff_dashboard()
    assert (dashboard.parties, dashboard.signatories_total, dashboard.signatories) == UN_HEADER


def test_api_gives_both_counts_and_keeps_the_old_field(icrmw):
    api = APIClient()
    listed = api.get("/api/v1/treaties/").json()[0]
    detail = api.get("/api/v1/treaties/icrmw/").json()
    participants = api.get("/api/v1/treaties/icrmw/participants/").json()
    for data in (listed, detail, participants):
        assert (data["parties"], data["signatories_total"], data["signatories"]) == UN_HEADER


def test_schema_documents_both_counts(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    for name in ("Treaty", "ParticipantList"):
        properties = schema["components"]["schemas"][name]["properties"]
        assert "signatories_total" in properties, name
        assert "UN" in properties["signatories_total"]["description"]
        assert "not (yet) a party" in properties["signatories"]["description"]


LABEL = "40 signatories, of which 11 have not yet ratified"


def test_treaty_list_and_page_show_both_labelled(client, icrmw):
    listing = client.get(reverse("ratification:treaty-list")).content.decode()
    assert '<td class="num" data-label="Signatories">40</td>' in listing
    assert '<td class="num" data-label="of which not yet ratified">11</td>' in listing
    assert "Signatories" in listing
    assert "not yet ratified" in listing

    page = client.get(
        reverse("ratification:treaty-detail", kwargs={"slug": "icrmw"})
    ).content.decode()
    assert '<strong class="count-signatories-total">40</strong>' in page
    assert '<strong class="count-signatories">11</strong>' in page
    assert "signatories, of which" in page


def test_home_and_dashboard_show_both(client, icrmw):
    home = client.get(reverse("home")).content.decode()
    assert "<strong>60</strong> States Parties" in home
    assert (
        '<strong class="count-signatories-total">40</strong> signatories, of which '
        '<strong class="count-signatories">11</strong> have not yet ratified'
    ) in home
    client.force_login(StaffFactory())
    dashboard = client.get(reverse("ratification:staff-dashboard")).content.decode()
    assert "ICRMW: 60 parties; " + LABEL + "." in dashboard


def test_spanish_pages_say_it_in_spanish(client, icrmw):
    page = client.get(
        reverse("ratification:treaty-detail", kwargs={"slug": "icrmw"}).replace("/en/", "/es/")
    ).content.decode()
    assert "signatarios, de los cuales" in page
    home = client.get("/es/").content.decode()
    assert "aún no han ratificado" in home
