"""Approved activities as a layer of /map/ and its embed (issue 15, item 8): only what is public,
their strings as data, and a render cached before an approval or rejection never served after
it (the map data version lives in the database, which every process reads)."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from campaigns.models import Activity, Campaign
from campaigns.services.activities import activity_delete, activity_moderate, activity_save
from maps.models import MapDataVersion
from partners.services.profiles import partner_set_published
from tests.campaigns.factories import ActivityFactory, CampaignFactory
from tests.factories import UserFactory
from tests.maps.conftest import icrmw, map_specs  # noqa: F401 - the map needs its treaty

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("icrmw")]

SOON = datetime.timedelta(days=7)


@pytest.fixture
def day():
    return CampaignFactory(slug="migrants-day", kind=Campaign.Kind.DAY_OF_ACTION)


def activity(campaign: Campaign, title: str, **fields) -> Activity:
    fields.setdefault("starts_at", timezone.now() + SOON)
    fields.setdefault("latitude", 32.5)
    fields.setdefault("longitude", -117.0)
    return ActivityFactory(campaign=campaign, title=title, city="Tijuana", country="MX", **fields)


def layer(client, path: str = "/en/map/") -> list[list]:
    response = client.get(path)
    assert response.status_code == 200
    (spec,) = map_specs(response.content.decode())
    data = spec["data"]["activities"]
    return data["rows"] if data else None


def titles(client, path: str = "/en/map/") -> set[str]:
    return {row[2] for row in layer(client, path)}


def test_only_approved_upcoming_activities_of_published_days_of_action(client, day):
    activity(day, "Vigil at the border")
    activity(day, "Waiting", status=Activity.Status.PENDING)
    activity(day, "Refused", status=Activity.Status.REJECTED)
    activity(day, "No point", latitude=None, longitude=None)
    activity(day, "Long over", starts_at=timezone.now() - datetime.timedelta(days=30))
    activity(
        day,
        "Ended yesterday evening",
        starts_at=timezone.now() - datetime.timedelta(hours=20),
        ends_at=timezone.now() - datetime.timedelta(hours=18),
    )
    draft = CampaignFactory(kind=Campaign.Kind.DAY_OF_ACTION, is_published=False)
    activity(draft, "In a draft campaign")
    assert titles(client) == {"Vigil at the border", "Ended yesterday evening"}
    assert titles(client, "/en/map/embed/") == {"Vigil at the border", "Ended yesterday evening"}


def test_the_popup_says_when_and_who_and_links_to_the_activity(client, day):
    shown = activity(
        day,
        "Vigil at the border",
        timezone="America/Tijuana",
        starts_at=datetime.datetime(2027, 1, 9, 2, 0, tzinfo=datetime.UTC),  # 18:00 local
        address="Calle Secreta 1",
        show_address=False,
    )
    body = client.get("/es/map/").content.decode()
    [row] = layer(client, "/es/map/")
    assert row[:5] == [32.5, -117.0, "Vigil at the border", "Tijuana", "México"]
    assert "18:00" in row[5]
    assert "(America/Tijuana)" in row[5]
    assert shown.partner.name in row[5]
    assert row[6] == f"/es/campaigns/migrants-day/#activity-{shown.pk}"
    assert "Calle Secreta" not in body  # the street address never reaches the map
    assert 'value="activities" checked' in body  # its own box among the layers


def test_hostile_titles_are_data_in_the_page(client, day):
    payload = "</script><img src=x onerror=alert(1)>"
    activity(day, payload)
    body = client.get("/en/map/").content.decode()
    assert payload not in body
    assert "<img src=x" not in body
    assert titles(client) == {payload}


def test_the_embed_links_leave_the_frame(client, day):
    activity(day, "Vigil")
    (spec,) = map_specs(client.get("/en/map/embed/").content.decode())
    assert spec["data"]["activities"]["target"] == "_top"


def test_unticking_the_layer_leaves_the_activities_out(client, day):
    activity(day, "Vigil")
    assert layer(client, "/en/map/?layers=countries,partners") is None
    assert titles(client, "/en/map/?layers=activities") == {"Vigil"}


def test_approval_rejection_edit_and_deletion_reach_a_cached_map(
    client, day, django_capture_on_commit_callbacks
):
    staff = UserFactory(is_staff=True)
    pending = activity(day, "Vigil", status=Activity.Status.PENDING)
    assert titles(client) == set()  # rendered and cached without it

    def stored_version() -> int:
        return MapDataVersion.objects.get().value

    with django_capture_on_commit_callbacks(execute=True):
        activity_moderate(activity=pending, status=Activity.Status.APPROVED, actor=staff)
    after_approval = stored_version()
    # Another process: its own cache has no copy of the version; it reads the database's.
    cache.clear()
    assert titles(client) == {"Vigil"}

    edited = Activity.objects.get(pk=pending.pk)
    edited.title = "Vigil, moved"
    with django_capture_on_commit_callbacks(execute=True):
        activity_save(activity=edited)
    assert stored_version() > after_approval
    assert titles(client) == {"Vigil, moved"}

    with django_capture_on_commit_callbacks(execute=True):
        activity_moderate(activity=edited, status=Activity.Status.REJECTED, actor=staff)
    assert titles(client) == set()

    with django_capture_on_commit_callbacks(execute=True):
        other = activity(day, "Rally")  # the admin adds an approved one
    assert titles(client) == {"Rally"}
    with django_capture_on_commit_callbacks(execute=True):
        activity_delete(activity=other)
    assert titles(client) == set()


def test_unpublishing_the_day_of_action_takes_its_activities_off(
    client, day, django_capture_on_commit_callbacks
):
    activity(day, "Vigil")
    assert titles(client) == {"Vigil"}
    day.is_published = False
    with django_capture_on_commit_callbacks(execute=True):
        day.save()
    assert titles(client) == set()


def test_an_unpublished_partners_activities_leave_the_map_the_page_and_the_feed(
    client, day, django_capture_on_commit_callbacks
):
    shown = activity(day, "Vigil of a partner that leaves")
    assert titles(client) == {"Vigil of a partner that leaves"}
    with django_capture_on_commit_callbacks(execute=True):
        partner_set_published(partner=shown.partner, published=False)

    assert titles(client) == set()  # the cached render is not served again
    assert titles(client, "/en/map/embed/") == set()
    page = client.get(f"/en/campaigns/{day.slug}/").content.decode()
    assert "Vigil of a partner that leaves" not in page
    assert shown.partner.name not in page
    feed = client.get(f"/en/campaigns/{day.slug}/activities.ics").content.decode()
    assert "Vigil of a partner that leaves" not in feed
    api = client.get(f"/api/v1/campaigns/{day.slug}/activities/").content.decode()
    assert "Vigil of a partner that leaves" not in api
