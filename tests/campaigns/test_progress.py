"""Progress you can see (issue 15, item 4): "312 of 1,000 (31%)" beside a <progress> bar, in
the page's language, counting confirmed signatures only; a met goal gives way to the next goal
staff set on the staff campaign page."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from campaigns.models import Campaign, Pledge
from campaigns.selectors import campaign_progress
from tests.campaigns.factories import CampaignFactory, PledgeFactory
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


def _sign(campaign: Campaign, n: int, *, confirmed: bool = True) -> None:
    pledges = PledgeFactory.build_batch(n, campaign=campaign)
    for pledge in pledges:
        pledge.confirmed_at = timezone.now() if confirmed else None
    Pledge.objects.bulk_create(pledges)


def _progress_text(html: str) -> str:
    match = re.search(r'<p id="progress-text-[^"]+" class="progress-text">([^<]*)</p>', html)
    assert match is not None, html
    return match.group(1)


@pytest.mark.parametrize(
    ("goal", "next_goal", "count", "shown_goal", "percent", "maximum", "met"),
    [
        (1000, 0, 312, 1000, 31, 1000, 0),
        (1000, 0, 999, 1000, 99, 1000, 0),  # rounded down: not 100% before the goal is met
        (1000, 0, 1200, 1000, 120, 1200, 0),  # no next goal: past the goal, the bar is full
        (300, 1000, 299, 300, 99, 300, 0),
        (300, 1000, 300, 1000, 30, 1000, 300),  # met exactly: the next goal takes over
        (300, 1000, 312, 1000, 31, 1000, 300),
        (0, 0, 5, 0, 0, 5, 0),  # no goal: a count only
    ],
)
def test_progress_toward_the_goal_in_effect(
    goal, next_goal, count, shown_goal, percent, maximum, met
):
    progress = campaign_progress(campaign=Campaign(goal=goal, next_goal=next_goal), count=count)
    assert (progress.goal, progress.percent, progress.maximum, progress.met_goal) == (
        shown_goal,
        percent,
        maximum,
        met,
    )


def test_bar_and_text_in_english_and_spanish_count_confirmed_only(client):
    campaign = CampaignFactory(slug="progress", goal=1000)
    _sign(campaign, 312)
    _sign(campaign, 7, confirmed=False)  # not counted until confirmed
    english = client.get(f"/en/campaigns/{campaign.slug}/").content.decode()
    assert _progress_text(english) == "312 of 1,000 (31%)"
    assert 'max="1000" value="312"' in english
    assert 'aria-label="Signatures toward the goal"' in english
    assert 'aria-describedby="progress-text-progress"' in english
    spanish = client.get(f"/es/campaigns/{campaign.slug}/").content.decode()
    assert _progress_text(spanish) == "312 de 1.000 (31 %)"
    assert 'aria-label="Firmas hacia la meta"' in spanish


def test_met_goal_moves_to_the_next_goal(client):
    campaign = CampaignFactory(slug="next-goal", goal=300, next_goal=1000)
    _sign(campaign, 312)
    body = client.get(f"/en/campaigns/{campaign.slug}/").content.decode()
    assert _progress_text(body) == "312 of 1,000 (31%)"
    assert 'max="1000" value="312"' in body
    assert "The first goal of 300 signatures is met: on to the next goal." in body


def test_goal_not_met_yet_does_not_show_the_next_goal(client):
    campaign = CampaignFactory(slug="not-yet", goal=300, next_goal=1000)
    _sign(campaign, 299)
    body = client.get(f"/en/campaigns/{campaign.slug}/").content.decode()
    assert _progress_text(body) == "299 of 300 (99%)"
    assert "first goal" not in body


def _staff_form(campaign: Campaign, **changes) -> dict:
    data = {
        "title_en": campaign.title_en,
        "title_es": campaign.title_es,
        "text_en": campaign.text_en,
        "text_es": campaign.text_es,
        "goal": campaign.goal,
        "next_goal": campaign.next_goal,
        "signers": campaign.signers,
    }
    data.update(changes)
    return data


def test_staff_set_the_next_goal_on_the_staff_campaign_page(client):
    campaign = CampaignFactory(slug="staff-next", goal=300)
    client.force_login(StaffFactory())
    edit = f"/en/staff/campaigns/{campaign.slug}/edit/"
    assert 'name="next_goal"' in client.get(edit).content.decode()
    response = client.post(edit, _staff_form(campaign, next_goal=1000))
    assert response.status_code == 302, response.content.decode()
    campaign.refresh_from_db()
    assert (campaign.goal, campaign.next_goal) == (300, 1000)
    # Left empty: no next goal.
    client.post(edit, _staff_form(campaign, next_goal=""))
    campaign.refresh_from_db()
    assert campaign.next_goal == 0


@pytest.mark.parametrize("next_goal", [300, 200])
def test_a_next_goal_not_above_the_goal_is_refused_and_nothing_saved(client, next_goal):
    campaign = CampaignFactory(slug="staff-bad-next", goal=300, next_goal=500)
    client.force_login(StaffFactory())
    before = Campaign.objects.values_list("goal", "next_goal", "title_en").get()
    response = client.post(
        f"/en/staff/campaigns/{campaign.slug}/edit/",
        _staff_form(campaign, next_goal=next_goal, title_en="Changed"),
    )
    assert response.status_code == 400
    assert "The next goal must be higher than the goal." in response.content.decode()
    assert Campaign.objects.values_list("goal", "next_goal", "title_en").get() == before


def test_admin_edits_the_next_goal(admin_client):
    campaign = CampaignFactory(slug="admin-next", goal=300)
    page = admin_client.get(f"/en/admin/campaigns/campaign/{campaign.pk}/change/")
    assert 'name="next_goal"' in page.content.decode()
