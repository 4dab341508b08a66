"""Public campaign pages: sign → confirm (POST only) → count, withdraw, widget, feeds."""

from __future__ import annotations

import csv
import io
import re

import icalendar
import pytest
from django.core import mail
from django.urls import reverse

from campaigns.models import Activity, Campaign, Pledge
from tests.campaigns.conftest import sent_links
from tests.campaigns.factories import (
    ActivityFactory,
    CampaignFactory,
    CampaignMessageFactory,
    PledgeFactory,
)
from tests.factories import CountryFactory, MembershipFactory, TreatyFactory

pytestmark = pytest.mark.django_db


def detail_url(campaign: Campaign, lang: str = "en") -> str:
    return f"/{lang}/campaigns/{campaign.slug}/"


def sign_url(campaign: Campaign) -> str:
    return f"/en/campaigns/{campaign.slug}/sign/"


INDIVIDUAL = {
    "kind": "individual",
    "individual-name": "Ana López",
    "individual-country": "MX",
    "individual-city": "Oaxaca",
    "individual-email": "ana@example.net",
    "individual-display": "full",
    "individual-website_url": "",
}


def test_list_shows_published_campaigns_only(client):
    CampaignFactory(title_en="Open call")
    CampaignFactory(title_en="Secret draft", is_published=False)
    response = client.get("/en/campaigns/")
    assert response.status_code == 200
    assert b"Open call" in response.content
    assert b"Secret draft" not in response.content


def test_draft_is_404_for_the_public_and_visible_to_staff(client, admin_user):
    draft = CampaignFactory(is_published=False)
    assert client.get(detail_url(draft)).status_code == 404
    client.force_login(admin_user)
    assert client.get(detail_url(draft)).status_code == 200


def test_detail_page_shows_everything(client):
    TreatyFactory()
    CountryFactory(iso2="US", iso3="USA", numeric="840", name="United States of America")
    campaign = CampaignFactory(
        treaty_id=TreatyFactory().pk,
        target_country="US",
        goal=10,
        donation_url="https://give.example/",
    )
    CampaignMessageFactory(campaign=campaign)
    PledgeFactory.create_batch(3, campaign=campaign)
    response = client.get(detail_url(campaign))
    body = response.content.decode()
    assert response.status_code == 200
    assert '<progress id="progress-' in body
    assert 'max="10" value="3"' in body
    assert "3 of 10 (30%)" in body
    assert "/en/countries/US/" in body
    assert "Neither signed nor ratified" in body
    assert "Ratify the Migrant Workers Convention now. #ICRMW #MigrantRights" in body
    assert "mailto:?" in body
    assert "https://bsky.app/intent/compose?" in body
    # No third-party (or any external) script, and nothing inline (the CSP allows neither): the
    # copy buttons' one script is the site's own file.
    assert re.findall(r"<script\b[^>]*>", body) == ['<script src="/static/js/copy-buttons.js">']
    assert 'name="individual-email"' in body
    assert 'name="organisation-organisation_name"' in body


def test_spanish_page_uses_spanish_content(client):
    campaign = CampaignFactory(title_en="Ratify", title_es="Ratifiquen")
    response = client.get(detail_url(campaign, "es"))
    assert "Ratifiquen" in response.content.decode()


def test_sign_confirm_by_post_only_and_count_goes_up(
    client, campaign, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(sign_url(campaign), INDIVIDUAL)
    assert response.status_code == 302
    assert response["Location"] == f"/en/campaigns/{campaign.slug}/signed/"
    pledge = Pledge.objects.get()
    assert pledge.confirmed_at is None
    assert pledge.language == "en"
    (confirm,) = sent_links("confirm")

    # GET (what a mail scanner does) shows a button and confirms nothing.
    page = client.get(confirm)
    assert page.status_code == 200
    assert b'<form method="post">' in page.content
    pledge.refresh_from_db()
    assert pledge.confirmed_at is None
    assert client.get(detail_url(campaign)).context["counts"].total == 0

    response = client.post(confirm)
    assert response.status_code == 200
    pledge.refresh_from_db()
    assert pledge.confirmed_at is not None
    assert client.get(detail_url(campaign)).context["counts"].total == 1


def test_confirm_link_in_spanish_when_signed_in_spanish(
    client, campaign, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/es/campaigns/{campaign.slug}/sign/", INDIVIDUAL)
    assert Pledge.objects.get().language == "es"
    assert mail.outbox[0].subject.startswith("Confirme su firma")
    assert "/es/campaigns/confirm/" in mail.outbox[0].body


@pytest.mark.parametrize("kind", ["confirm", "withdraw"])
def test_tampered_link_is_refused_with_a_clear_page(
    client, campaign, kind, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(sign_url(campaign), INDIVIDUAL)
    (link,) = sent_links(kind)
    bad = link[:-3] + "AA/"
    for method in (client.get, client.post):
        response = method(bad)
        assert response.status_code == 400
        assert b"This link does not work" in response.content
    pledge = Pledge.objects.get()
    assert pledge.confirmed_at is None


def test_expired_link_is_refused(
    client, campaign, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.PLEDGE_UNCONFIRMED_DAYS = 1
    with django_capture_on_commit_callbacks(execute=True):
        client.post(sign_url(campaign), INDIVIDUAL)
    (link,) = sent_links("confirm")
    import time

    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 2 * 86400)
    response = client.post(link)
    assert response.status_code == 400
    assert b"expired" in response.content
    assert Pledge.objects.get().confirmed_at is None


def test_withdraw_get_shows_button_post_deletes_everything(
    client, campaign, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(sign_url(campaign), INDIVIDUAL)
    (confirm,) = sent_links("confirm")
    (withdraw,) = sent_links("withdraw")
    client.post(confirm)
    assert client.get(withdraw).status_code == 200
    assert Pledge.objects.count() == 1
    response = client.post(withdraw)
    assert response.status_code == 200
    assert Pledge.objects.count() == 0
    assert client.get(detail_url(campaign)).context["counts"].total == 0
    assert b"Ana" not in client.get(detail_url(campaign)).content


def test_duplicate_signature_gets_the_same_answer_and_no_second_row(
    client, campaign, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(sign_url(campaign), INDIVIDUAL)
        second = client.post(
            sign_url(campaign), {**INDIVIDUAL, "individual-email": "  ANA@example.NET "}
        )
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Pledge.objects.count() == 1
    assert len(mail.outbox) == 2  # the confirmation and one reminder


def test_honeypot_looks_like_success_and_stores_nothing(
    client, campaign, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            sign_url(campaign), {**INDIVIDUAL, "individual-website_url": "http://spam.example/"}
        )
    assert response.status_code == 302
    assert Pledge.objects.count() == 0
    assert mail.outbox == []


def test_throttle_answers_429_and_stores_nothing_more(client, campaign, settings):
    settings.PLEDGE_SUBMISSIONS_PER_HOUR = 2
    for n in range(2):
        client.post(sign_url(campaign), {**INDIVIDUAL, "individual-email": f"p{n}@example.net"})
    response = client.post(sign_url(campaign), {**INDIVIDUAL, "individual-email": "p9@example.net"})
    assert response.status_code == 429
    assert b"Too many signatures" in response.content
    assert Pledge.objects.count() == 2


def test_invalid_form_rerenders_with_errors_and_stores_nothing(client, campaign):
    response = client.post(
        sign_url(campaign), {**INDIVIDUAL, "individual-name": "Ana\x00", "individual-email": "x"}
    )
    assert response.status_code == 400
    assert response.context["individual_form"].errors
    assert Pledge.objects.count() == 0


def test_organisations_only_campaign_refuses_individuals(client):
    campaign = CampaignFactory(signers=Campaign.Signers.ORGANISATIONS)
    assert client.post(sign_url(campaign), INDIVIDUAL).status_code == 404
    assert Pledge.objects.count() == 0


def test_member_signs_for_their_partner_and_it_shows_on_the_partner_page(
    client, campaign, django_capture_on_commit_callbacks
):
    membership = MembershipFactory()
    partner = membership.partner
    client.force_login(membership.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            sign_url(campaign),
            {
                "kind": "organisation",
                "organisation-partner": partner.slug,
                "organisation-name": "Rosa Contact",
                "organisation-country": "MX",
                "organisation-email": "rosa@partner.example.org",
                "organisation-display": "full",
            },
        )
    assert response.status_code == 302
    pledge = Pledge.objects.get()
    assert pledge.partner == partner
    assert pledge.partner_verified
    client.post(sent_links("confirm")[0])
    page = client.get(detail_url(campaign)).content.decode()
    assert "verified partner" in page
    assert f"/en/partners/{partner.slug}/" in page
    profile = client.get(f"/en/partners/{partner.slug}/").content.decode()
    assert "Campaigns signed" in profile
    assert detail_url(campaign) in profile


def test_outsider_cannot_pick_a_partner_they_are_not_member_of(client, campaign):
    other = MembershipFactory().partner
    client.force_login(MembershipFactory().user)
    response = client.post(
        sign_url(campaign),
        {
            "kind": "organisation",
            "organisation-partner": other.slug,
            "organisation-name": "X",
            "organisation-country": "MX",
            "organisation-email": "x@example.net",
            "organisation-display": "full",
        },
    )
    assert response.status_code == 400
    assert Pledge.objects.count() == 0


def test_only_the_widget_may_be_framed(client, campaign):
    widget = client.get(f"/en/campaigns/{campaign.slug}/widget/")
    assert widget.status_code == 200
    assert "X-Frame-Options" not in widget.headers
    assert b"Sign" in widget.content
    for url in (detail_url(campaign), "/en/campaigns/"):
        assert client.get(url).headers["X-Frame-Options"] in {"DENY", "SAMEORIGIN"}


def test_activities_feed_and_page_show_approved_activities_only(client):
    campaign = CampaignFactory(kind=Campaign.Kind.DAY_OF_ACTION)
    ActivityFactory(
        campaign=campaign, title="Vigil at the border", address="Calle 1", show_address=False
    )
    ActivityFactory(campaign=campaign, title="Rally downtown", address="Plaza 5", show_address=True)
    ActivityFactory(campaign=campaign, title="Not yet approved", status=Activity.Status.PENDING)
    response = client.get(f"/en/campaigns/{campaign.slug}/activities.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    cal = icalendar.Calendar.from_ical(response.content)
    events = {str(e["summary"]): e for e in cal.walk("VEVENT")}
    assert set(events) == {"Vigil at the border", "Rally downtown"}
    assert "Calle 1" not in str(events["Vigil at the border"]["location"])
    assert "Plaza 5" in str(events["Rally downtown"]["location"])
    page = client.get(detail_url(campaign)).content.decode()
    assert "Vigil at the border" in page
    assert "Not yet approved" not in page
    assert "Calle 1" not in page


@pytest.mark.parametrize(
    ("display", "shown", "hidden"),
    [
        ("full", ["Ana María López", "Oaxaca"], []),
        ("initials", ["A. M. L."], ["Ana María López", "Oaxaca"]),
        ("country", ["A supporter in"], ["Ana María López", "A. M. L.", "Oaxaca"]),
        ("hidden", [], ["Ana María López", "A. M. L.", "Oaxaca", "A supporter in"]),
    ],
)
def test_display_choice_holds_in_page_widget_api_and_public_export(
    client, campaign, display, shown, hidden
):
    PledgeFactory(
        campaign=campaign, name="Ana María López", city="Oaxaca", country="MX", display=display
    )
    bodies = {
        "page": client.get(detail_url(campaign)).content.decode(),
        "widget": client.get(f"/en/campaigns/{campaign.slug}/widget/").content.decode(),
        "api": client.get(f"/api/v1/campaigns/{campaign.slug}/pledges/").content.decode(),
        "csv": client.get(f"/en/campaigns/{campaign.slug}/signers.csv").content.decode(),
    }
    for where, body in bodies.items():
        for text in shown:
            if text == "A supporter in" and where in ("api", "csv"):
                continue  # the API and export say "country only" with an empty name
            assert text in body, (where, text)
        for text in hidden:
            assert text not in body, (where, text)
    rows = list(csv.DictReader(io.StringIO(bodies["csv"])))
    assert len(rows) == (0 if display == "hidden" else 1)


def test_staff_hidden_name_is_not_listed_but_counted(client, campaign):
    PledgeFactory(campaign=campaign, name="Hidden Person", hidden_by_staff=True)
    response = client.get(detail_url(campaign))
    assert b"Hidden Person" not in response.content
    assert response.context["counts"].total == 1


def test_campaign_page_query_count_does_not_grow(client):
    def queries_for(n: int) -> int:
        campaign = CampaignFactory()
        CampaignMessageFactory(campaign=campaign)
        PledgeFactory.create_batch(n, campaign=campaign)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(detail_url(campaign)).status_code == 200
        return len(ctx.captured_queries)

    client.get("/en/campaigns/")  # warm the site-wide cached footer summary
    small, large = queries_for(3), queries_for(30)
    assert small == large
    assert small == 6


def test_campaign_page_query_count_is_pinned(client, campaign, django_assert_num_queries):
    PledgeFactory.create_batch(3, campaign=campaign)
    client.get("/en/campaigns/")  # warm the site-wide cached footer summary
    # campaign, counts, by country, signers, messages, materials
    with django_assert_num_queries(6):
        client.get(detail_url(campaign))


def test_reverse_names_exist():
    assert reverse("campaigns:campaign-list") == "/en/campaigns/"
