"""Reads for partners, one module per resource:

- `profiles`: partner profiles, what the public may see of them (the only way public pages,
  the API and the map see a partner, so hidden fields are filtered there once), and the lookups
  other apps use to refer to a partner;
- `directory`: the directory search and its facets;
- `commitments`: commitments and their dated updates;
- `members`: memberships, invitations and API tokens;
- `join_requests`: join and claim requests, for staff;
- `verification`: partners due for the yearly verification reminder.

Every selector is also importable from `partners.selectors` itself.

Not-found contract (every selectors module in the project): a `*_get*` selector returns the
object or raises the model's `DoesNotExist`, like `QuerySet.get`; HTML views turn that into a
404 with `core.http.object_or_404`, and the API's exception handler answers 404 by itself.
A read whose "nothing" is an ordinary answer is named `*_for_*`/`*_find` and returns None or an
empty list.
"""

from __future__ import annotations

from partners.selectors.commitments import (
    commitment_get_for_partner,
    commitment_updates,
    partner_commitments,
    partner_public_commitments,
)
from partners.selectors.directory import (
    DirectoryFilters,
    Facet,
    partner_directory_facets,
    partner_directory_search,
    partner_directory_total,
)
from partners.selectors.join_requests import (
    join_request_get,
    join_requests_pending,
    join_requests_pending_count,
    join_requests_recently_decided,
    staff_notify_addresses,
)
from partners.selectors.members import (
    invitation_get_by_token,
    invitation_get_for_partner,
    membership_get_for_partner,
    memberships_for_user,
    partner_members,
    partner_open_invitations,
    token_for_user,
    user_verified_email_for,
)
from partners.selectors.profiles import (
    demo_partner_count,
    partner_choices,
    partner_find,
    partner_geojson_feature,
    partner_get_public,
    partner_get_with_vocabularies,
    partner_history,
    partner_list_for_country,
    partner_list_public,
    partner_page_url,
    partner_public_contact,
    partner_public_location,
    partner_public_social_links,
)
from partners.selectors.verification import (
    REMIND_AGAIN_AFTER,
    partners_due_for_verification,
)

__all__ = [
    "REMIND_AGAIN_AFTER",
    "DirectoryFilters",
    "Facet",
    "commitment_get_for_partner",
    "commitment_updates",
    "demo_partner_count",
    "invitation_get_by_token",
    "invitation_get_for_partner",
    "join_request_get",
    "join_requests_pending",
    "join_requests_pending_count",
    "join_requests_recently_decided",
    "membership_get_for_partner",
    "memberships_for_user",
    "partner_choices",
    "partner_commitments",
    "partner_directory_facets",
    "partner_directory_search",
    "partner_directory_total",
    "partner_find",
    "partner_geojson_feature",
    "partner_get_public",
    "partner_get_with_vocabularies",
    "partner_history",
    "partner_list_for_country",
    "partner_list_public",
    "partner_members",
    "partner_open_invitations",
    "partner_page_url",
    "partner_public_commitments",
    "partner_public_contact",
    "partner_public_location",
    "partner_public_social_links",
    "partners_due_for_verification",
    "staff_notify_addresses",
    "token_for_user",
    "user_verified_email_for",
]
