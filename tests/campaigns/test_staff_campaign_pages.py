"""Staff publish, close and edit campaigns and upload materials from the staff pages, not only
the Django admin (issue 15, item 15); drafts are listed where staff look for them."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from campaigns.models import Campaign, Material
from tests.campaigns.factories import CampaignFactory
from tests.factories import MembershipFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% a tiny test file\n"


def _snapshot() -> list[tuple]:
    return list(
        Campaign.objects.order_by("pk").values_list(
            "is_published", "closes_on", "opens_on", "title_en", "goal"
        )
    ) + list(Material.objects.values_list("pk", "title"))


def _edit(slug: str) -> str:
    return f"/en/staff/campaigns/{slug}/edit/"


def _state(slug: str) -> str:
    return f"/en/staff/campaigns/{slug}/state/"


def _form(campaign: Campaign, **changes) -> dict:
    data = {
        "title_en": campaign.title_en,
        "title_es": campaign.title_es,
        "summary_en": campaign.summary_en,
        "summary_es": campaign.summary_es,
        "text_en": campaign.text_en,
        "text_es": campaign.text_es,
        "treaty": campaign.treaty_id or "",
        "target_country": campaign.target_country or "",
        "goal": campaign.goal,
        "opens_on": campaign.opens_on.isoformat() if campaign.opens_on else "",
        "closes_on": campaign.closes_on.isoformat() if campaign.closes_on else "",
        "signers": campaign.signers,
        "donation_url": campaign.donation_url,
    }
    data.update(changes)
    return data


@pytest.fixture
def draft():
    return CampaignFactory(slug="draft-call", is_published=False, opens_on=None, closes_on=None)


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("anonymous", 302), ("user", 403), ("member", 403), ("staff", None)],
)
def test_every_staff_campaign_write_is_staff_only(client, draft, persona, expected):
    if persona == "user":
        client.force_login(UserFactory())
    elif persona == "member":
        client.force_login(MembershipFactory().user)
    elif persona == "staff":
        client.force_login(StaffFactory())
    before = _snapshot()
    posts = [
        (_state(draft.slug), {"action": "publish"}),
        (_edit(draft.slug), _form(draft, title_en="Taken over")),
        (
            f"/en/staff/campaigns/{draft.slug}/materials/",
            {"title": "Flyer", "language": "en", "file": SimpleUploadedFile("f.pdf", PDF)},
        ),
    ]
    statuses = [client.post(url, data).status_code for url, data in posts]
    if expected is None:
        assert statuses == [302, 302, 302]
        assert _snapshot() != before
        draft.refresh_from_db()
        assert draft.is_published
        assert draft.title_en == "Taken over"
        assert Material.objects.get().title == "Flyer"
    else:
        assert statuses == [expected] * 3
        assert _snapshot() == before
        assert client.get(_edit(draft.slug)).status_code == expected


def test_publish_then_close_then_back_to_draft(client, draft):
    client.force_login(StaffFactory())
    client.post(_state(draft.slug), {"action": "publish"})
    assert client.get("/en/campaigns/draft-call/").status_code == 200
    client.logout()
    assert client.get("/en/campaigns/draft-call/").status_code == 200  # public now

    client.force_login(StaffFactory())
    response = client.post(_state(draft.slug), {"action": "close"}, follow=True)
    assert "no longer takes signatures" in response.content.decode()
    draft.refresh_from_db()
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    assert draft.closes_on == yesterday
    assert not draft.is_open()

    # Closing again is refused with a message, and changes nothing.
    before = _snapshot()
    response = client.post(_state(draft.slug), {"action": "close"}, follow=True)
    assert "cannot be closed" in response.content.decode()
    assert _snapshot() == before

    client.post(_state(draft.slug), {"action": "unpublish"})
    draft.refresh_from_db()
    assert not draft.is_published
    client.logout()
    assert client.get("/en/campaigns/draft-call/").status_code == 404


def test_an_unknown_action_is_404_and_changes_nothing(client, draft):
    client.force_login(StaffFactory())
    before = _snapshot()
    assert client.post(_state(draft.slug), {"action": "explode"}).status_code == 404
    assert _snapshot() == before


def test_bad_edits_show_errors_next_to_the_fields_and_save_nothing(client, draft):
    client.force_login(StaffFactory())
    before = _snapshot()
    response = client.post(
        _edit(draft.slug),
        _form(draft, title_en="\u200b", opens_on="2026-05-10", closes_on="2026-05-01", goal="-3"),
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert {"title_en", "goal"} <= set(form.errors)
    assert _snapshot() == before
    # A form that passes the fields but fails the model's rule (closing before opening).
    response = client.post(
        _edit(draft.slug), _form(draft, opens_on="2026-05-10", closes_on="2026-05-01")
    )
    assert response.status_code == 400
    assert "closes_on" in response.context["form"].errors
    assert _snapshot() == before


def test_an_upload_that_is_not_a_pdf_or_image_is_refused(client, draft):
    client.force_login(StaffFactory())
    response = client.post(
        f"/en/staff/campaigns/{draft.slug}/materials/",
        {"title": "Script", "language": "en", "file": SimpleUploadedFile("x.pdf", b"#!/bin/sh\n")},
    )
    assert response.status_code == 400
    assert "file" in response.context["material_form"].errors
    assert Material.objects.count() == 0


def test_staff_are_shown_the_drafts_where_they_look(client, draft):
    client.force_login(StaffFactory())
    listing = client.get("/en/campaigns/").content.decode()
    assert "1 draft campaign is not published yet." in listing
    assert "/en/staff/campaigns/#campaign-table" in listing
    dashboard = client.get("/en/staff/").content.decode()
    assert _edit(draft.slug) in dashboard
    spanish = client.get("/es/campaigns/").content.decode()
    assert "1 campaña en borrador aún no está publicada." in spanish
    client.logout()
    assert "draft" not in client.get("/en/campaigns/").content.decode().lower()


def test_the_admin_names_the_site(admin_client):
    english = admin_client.get("/en/admin/").content.decode()
    assert "Coalition administration" in english
    assert "Django administration" not in english
    assert "Administración de la coalición" in admin_client.get("/es/admin/").content.decode()
