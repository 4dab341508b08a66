"""Staff: logged e-mail export, moderation, the signatures chart, and the admin through services."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from campaigns.models import Activity, Campaign, Material, Pledge, PledgeExport
from tests.campaigns.factories import ActivityFactory, CampaignFactory, PledgeFactory
from tests.factories import MembershipFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    staff = StaffFactory(is_superuser=True)
    client.force_login(staff)
    client.staff = staff
    return client


def test_export_is_staff_only_and_logged(client, campaign):
    PledgeFactory(campaign=campaign, email="keep@example.net", name="=HYPERLINK(1)")
    PledgeFactory(campaign=campaign, email="unconfirmed@example.net", confirmed_at=None)
    url = f"/en/staff/campaigns/{campaign.slug}/pledges.csv"
    assert client.get(url).status_code == 302  # anonymous → sign in
    client.force_login(MembershipFactory().user)
    assert client.get(url).status_code == 403
    assert PledgeExport.objects.count() == 0

    staff = StaffFactory()
    client.force_login(staff)
    response = client.get(url)
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [r["email"] for r in rows] == ["keep@example.net"]
    assert rows[0]["name"] == "'=HYPERLINK(1)"  # formula guard
    export = PledgeExport.objects.get()
    assert (export.exported_by, export.row_count, export.campaign) == (staff, 1, campaign)


def test_overview_and_dashboard_show_signatures_per_day(staff_client, campaign):
    PledgeFactory.create_batch(2, campaign=campaign)
    page = staff_client.get("/en/staff/campaigns/")
    assert page.status_code == 200
    assert b'id="staff-signatures-title"' in page.content
    dashboard = staff_client.get("/en/staff/")
    assert b'id="staff-signatures-title"' in dashboard.content


def test_staff_pages_refuse_members(client):
    client.force_login(UserFactory())
    assert client.get("/en/staff/campaigns/").status_code == 403


def test_moderation_publishes_an_activity(staff_client):
    activity = ActivityFactory(status=Activity.Status.PENDING, title="Pending vigil")
    page = staff_client.get("/en/staff/campaigns/")
    assert b"Pending vigil" in page.content
    response = staff_client.post(
        f"/en/staff/campaigns/activities/{activity.pk}/", {"status": "approved"}
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.status == Activity.Status.APPROVED
    assert activity.moderated_by == staff_client.staff


def test_member_cannot_moderate(client):
    activity = ActivityFactory(status=Activity.Status.PENDING)
    client.force_login(MembershipFactory().user)
    response = client.post(f"/en/staff/campaigns/activities/{activity.pk}/", {"status": "approved"})
    assert response.status_code == 403
    activity.refresh_from_db()
    assert activity.status == Activity.Status.PENDING


def test_member_adds_an_activity_through_the_page(client):
    campaign = CampaignFactory(kind=Campaign.Kind.DAY_OF_ACTION)
    membership = MembershipFactory()
    client.force_login(membership.user)
    url = f"/en/campaigns/{campaign.slug}/activities/new/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "partner": membership.partner.slug,
            "title": "Teach-in",
            "starts_at": "2026-12-18T10:00",
            "timezone_name": "Europe/Madrid",
            "city": "Madrid",
            "country": "ES",
            "language": "es",
        },
    )
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert activity.starts_at.isoformat() == "2026-12-18T09:00:00+00:00"
    assert activity.status == Activity.Status.PENDING


def test_non_member_cannot_open_the_activity_form(client):
    campaign = CampaignFactory(kind=Campaign.Kind.DAY_OF_ACTION)
    client.force_login(UserFactory())
    assert client.get(f"/en/campaigns/{campaign.slug}/activities/new/").status_code == 403


def test_admin_hides_a_name_and_cannot_edit_what_the_signer_typed(staff_client, campaign):
    pledge = PledgeFactory(campaign=campaign, name="Original Name")
    url = f"/en/admin/campaigns/pledge/{pledge.pk}/change/"
    assert staff_client.get(url).status_code == 200
    response = staff_client.post(url, {"hidden_by_staff": "on", "name": "Changed"})
    assert response.status_code == 302
    pledge.refresh_from_db()
    assert pledge.hidden_by_staff
    assert pledge.name == "Original Name"
    assert staff_client.get("/en/admin/campaigns/pledge/add/").status_code == 403


def test_admin_material_upload_is_sniffed(staff_client, campaign, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    url = f"/en/admin/campaigns/campaign/{campaign.pk}/change/"
    base = {
        "slug": campaign.slug,
        "kind": campaign.kind,
        "signers": campaign.signers,
        "goal": "100",
        "title_en": campaign.title_en,
        "text_en": campaign.text_en,
        "messages-TOTAL_FORMS": "0",
        "messages-INITIAL_FORMS": "0",
        "materials-TOTAL_FORMS": "1",
        "materials-INITIAL_FORMS": "0",
        "materials-0-title": "Flyer",
        "materials-0-language": "en",
        "materials-0-position": "0",
    }
    fake = SimpleUploadedFile("flyer.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = staff_client.post(url, {**base, "materials-0-file": fake})
    assert response.status_code == 200  # form redisplayed with the error
    assert Material.objects.count() == 0
    real = SimpleUploadedFile("flyer.png", b"%PDF-1.7\n%...", content_type="image/png")
    response = staff_client.post(url, {**base, "materials-0-file": real})
    assert response.status_code == 302
    material = Material.objects.get()
    assert material.file_type == Material.FileType.PDF
    assert material.file.name.endswith(".pdf")
    assert material.size == len(b"%PDF-1.7\n%...")


def test_admin_delete_removes_personal_data(staff_client, campaign):
    pledge = PledgeFactory(campaign=campaign)
    response = staff_client.post(f"/en/admin/campaigns/pledge/{pledge.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Pledge.objects.exists()
