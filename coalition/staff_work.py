"""What waits for staff, gathered from every app for the staff dashboard.

`ratification` owns the dashboard page but may import nothing from `partners` (treaty data sits
below the directory), so the counts that belong to other apps are composed here, in the project
layer that may import them all, and handed to the page as plain data.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from campaigns.selectors import activity_pending_count, signatures_per_day
from partners.selectors import demo_partner_count, join_requests_pending_count

SIGNATURE_CHART_DAYS = 14


@dataclass(frozen=True, slots=True)
class StaffWork:
    join_requests_pending: int
    activities_pending: int
    demo_partners: int
    signatures_per_day: list[tuple[datetime.date, int]]


def staff_work(*, today: datetime.date | None = None) -> StaffWork:
    """The staff's queues, the demo partners still loaded and the campaign signature series:
    four queries."""
    return StaffWork(
        join_requests_pending=join_requests_pending_count(),
        activities_pending=activity_pending_count(),
        demo_partners=demo_partner_count(),
        signatures_per_day=signatures_per_day(days=SIGNATURE_CHART_DAYS, today=today),
    )
