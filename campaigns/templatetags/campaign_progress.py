"""`{% campaign_progress campaign counts.total as progress %}`: the progress toward the goal in
effect, for templates/campaigns/includes/progress.html wherever it is included (campaign page,
after signing, after confirming, the widget), so no view has to remember to compute it."""

from __future__ import annotations

from django import template

from campaigns.models import Campaign
from campaigns.selectors import Progress, campaign_progress

register = template.Library()


@register.simple_tag(name="campaign_progress")
def campaign_progress_tag(campaign: Campaign, count: int) -> Progress:
    return campaign_progress(campaign=campaign, count=int(count or 0))
