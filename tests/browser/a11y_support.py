"""What the accessibility browser tests share: the pages of the site seeded with real-looking
data, signing a persona in, and running axe-core inside a page.

axe-core is vendored for the tests only (tests/browser/vendor/, written by
scripts/vendor_test_js.py); the product never serves it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.utils.module_loading import import_string

from campaigns.links import Purpose, pledge_token
from campaigns.models import Activity, Campaign
from partners.models import Membership
from ratification.models import ActionKind
from ratification.services.imports import treaty_import_preview
from ratification.services.reference_data import countries_load
from ratification.untc.parser import parse_status_page
from tests.campaigns.factories import (
    ActivityFactory,
    CampaignFactory,
    CampaignMessageFactory,
    PledgeFactory,
)
from tests.factories import (
    CommitmentFactory,
    MembershipFactory,
    PartnerFactory,
    StaffFactory,
    TreatyActionFactory,
    TreatyFactory,
    UserFactory,
)
from tests.partners.factories import CommitmentUpdateFactory, JoinRequestFactory

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
UNTC_CMW = Path(__file__).resolve().parents[2] / "ratification" / "data" / "untc" / "cmw.html"
# Import runs read from the UNTC site carry its long URLs, which have no place to break.
UNTC_URL = (
    "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=IV-13&chapter=4&clang=_en"
)
# Everything WCAG 2.0-2.2 A/AA asks (target size is 2.2 AA) plus axe's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
BLOCKING = {"serious", "critical"}


@dataclass(frozen=True)
class Site:
    """The seeded objects the page paths are made of."""

    member: Any
    staff: Any
    partner_slug: str
    other_partner_slug: str
    commitment_pk: int
    campaign_slug: str
    import_pk: int
    activity_pk: int
    confirm_token: str
    withdraw_token: str


def site_seed() -> Site:
    countries_load()
    treaty = TreatyFactory(as_of=datetime.date(2026, 2, 3))
    for code, kind, date in [
        ("MX", ActionKind.SIGNATURE, datetime.date(1991, 5, 22)),
        ("MX", ActionKind.RATIFICATION, datetime.date(1999, 3, 8)),
        ("PH", ActionKind.RATIFICATION, datetime.date(1995, 7, 5)),
        ("CL", ActionKind.SIGNATURE, datetime.date(1993, 9, 24)),
    ]:
        TreatyActionFactory(treaty=treaty, country=code, kind=kind, date=date)
    staff = StaffFactory(username="axe-staff")
    member = UserFactory(username="axe-member")
    partner = PartnerFactory(
        slug="axe-partner", name="Red de Apoyo Migrante", latitude=19.43, longitude=-99.13
    )
    other = PartnerFactory(slug="axe-other", name="Migrant Rights Centre", country="PH")
    MembershipFactory(user=member, partner=partner, role=Membership.Role.ADMIN)
    commitment = CommitmentFactory(partner=partner)
    CommitmentUpdateFactory(commitment=commitment, created_by=member)
    JoinRequestFactory()
    campaign = CampaignFactory(slug="axe-campaign", title_en="Ratify now", title_es="Ratificar ya")
    CampaignMessageFactory(campaign=campaign)
    PledgeFactory(campaign=campaign)
    pending = PledgeFactory(campaign=campaign, confirmed_at=None)
    signed = PledgeFactory(campaign=campaign)
    day = CampaignFactory(slug="axe-day", kind=Campaign.Kind.DAY_OF_ACTION)
    activity = ActivityFactory(campaign=day, partner=partner)
    # A proposed activity, so the staff campaign page shows its moderation form.
    ActivityFactory(campaign=day, partner=partner, status=Activity.Status.PENDING)
    run = treaty_import_preview(
        page=parse_status_page(UNTC_CMW.read_bytes()), treaty=treaty, source=UNTC_URL, user=staff
    )
    return Site(
        member=member,
        staff=staff,
        partner_slug=partner.slug,
        other_partner_slug=other.slug,
        commitment_pk=commitment.pk,
        campaign_slug=campaign.slug,
        import_pk=run.pk,
        activity_pk=activity.pk,
        confirm_token=pledge_token(pledge=pending, purpose=Purpose.CONFIRM),
        withdraw_token=pledge_token(pledge=signed, purpose=Purpose.WITHDRAW),
    )


# (id, persona, path without the language prefix); {placeholders} are Site fields.
PAGES: list[tuple[str, str, str]] = [
    ("home", "anonymous", "/"),
    ("map", "anonymous", "/map/"),
    ("map-embed", "anonymous", "/map/embed/"),
    ("treaties", "anonymous", "/treaties/"),
    ("treaty", "anonymous", "/treaties/icrmw/"),
    ("countries", "anonymous", "/countries/"),
    ("country", "anonymous", "/countries/mx/"),
    ("country-card", "anonymous", "/countries/mx/card/"),
    ("partners", "anonymous", "/partners/"),
    ("partner", "anonymous", "/partners/{partner_slug}/"),
    ("join", "anonymous", "/partners/join/"),
    ("claim", "anonymous", "/partners/{other_partner_slug}/claim/"),
    ("campaigns", "anonymous", "/campaigns/"),
    ("campaign", "anonymous", "/campaigns/{campaign_slug}/"),
    ("campaign-widget", "anonymous", "/campaigns/{campaign_slug}/widget/"),
    ("pledge-signed", "anonymous", "/campaigns/{campaign_slug}/signed/"),
    ("sign-in", "anonymous", "/accounts/login/"),
    ("password-reset", "anonymous", "/accounts/password_reset/"),
    ("pledge-confirm", "anonymous", "/campaigns/confirm/{confirm_token}/"),
    ("pledge-withdraw", "anonymous", "/campaigns/withdraw/{withdraw_token}/"),
    ("member", "member", "/member/"),
    ("member-tokens", "member", "/member/tokens/"),
    ("partner-edit", "member", "/member/partners/{partner_slug}/edit/"),
    ("partner-history", "member", "/member/partners/{partner_slug}/history/"),
    ("commitments", "member", "/member/partners/{partner_slug}/commitments/"),
    ("commitment", "member", "/member/partners/{partner_slug}/commitments/{commitment_pk}/"),
    ("members", "member", "/member/partners/{partner_slug}/members/"),
    ("activity-new", "member", "/campaigns/axe-day/activities/new/"),
    ("password-change", "member", "/accounts/password_change/"),
    ("staff-dashboard", "staff", "/staff/"),
    ("imports", "staff", "/staff/imports/"),
    ("import-upload", "staff", "/staff/imports/new/"),
    ("import-detail", "staff", "/staff/imports/{import_pk}/"),
    ("requests", "staff", "/staff/partners/requests/"),
    ("csv-import", "staff", "/staff/partners/import/"),
    ("staff-campaigns", "staff", "/staff/campaigns/"),
    ("staff-campaign-edit", "staff", "/staff/campaigns/{campaign_slug}/edit/"),
]


def sign_in(context: Any, live_server_url: str, user: Any) -> None:
    """Give the browser context a session for `user` without going through the sign-in form
    (the keyboard tests do that part for real)."""
    engine = import_string(settings.SESSION_ENGINE)
    session = engine.SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": session.session_key,
                "url": live_server_url,
            }
        ]
    )


def axe_run(page: Any) -> list[dict[str, Any]]:
    """axe-core's violations on the page as loaded, every impact."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol, which the page's Content-Security-Policy does
        # not govern; add_script_tag would insert an inline <script>, which it refuses.
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        """async (tags) => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                               resultTypes: ['violations']});
            return r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({target: n.target.join(' '),
                                          html: n.html.slice(0, 200),
                                          summary: n.failureSummary}))}));
        }""",
        AXE_TAGS,
    )
    return list(result)


# Failed submissions, checked like the pages: (id, persona, path, the form to submit empty).
FAILED_FORMS: list[tuple[str, str, str, str]] = [
    ("join", "anonymous", "/partners/join/", "main form"),
    ("sign-in", "anonymous", "/accounts/login/", "main form"),
    (
        "pledge",
        "anonymous",
        "/campaigns/{campaign_slug}/",
        "form.sign-form:has(input[value=individual])",
    ),
    ("widget", "anonymous", "/campaigns/{campaign_slug}/widget/", "form.widget-form"),
    ("partner-edit", "member", "/member/partners/{partner_slug}/edit/", "main form"),
    ("commitments", "member", "/member/partners/{partner_slug}/commitments/", "main form"),
    ("import-upload", "staff", "/staff/imports/new/", "main form"),
]

# ARIA references to ids the page does not have (axe reports these only in some cases).
BROKEN_REFERENCES = """() => {
    const broken = [];
    for (const attr of ['aria-describedby', 'aria-labelledby', 'aria-controls']) {
        for (const el of document.querySelectorAll('[' + attr + ']')) {
            for (const id of el.getAttribute(attr).split(/\\s+/).filter(Boolean)) {
                if (!document.getElementById(id)) { broken.push(attr + '=' + id + ' on ' + el.outerHTML.slice(0, 80)); }
            }
        }
    }
    return broken;
}"""


def violations_text(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:10]:
            lines.append(f"    at {node['target']}")
            lines.append(f"       {node['html']}")
            for line in (node["summary"] or "").splitlines():
                lines.append(f"       {line}")
        if len(v["nodes"]) > 10:
            lines.append(f"    … and {len(v['nodes']) - 10} more")
    return "\n".join(lines)
