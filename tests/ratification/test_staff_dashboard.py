from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from ratification.models import ActionKind, ImportRun
from tests.factories import StaffFactory, UserFactory
from tests.ratification.pages_factories import act, make_country, make_icrmw, make_treaty

pytestmark = pytest.mark.django_db
D = datetime.date
URL = reverse("ratification:staff-dashboard")


@pytest.fixture
def data():
    icrmw = make_icrmw()
    cedaw = make_treaty("cedaw", 2)
    make_country("MX", region="Americas")
    make_country("KH", region="Asia")
    make_country("FR", region="Europe")
    act(icrmw, "MX", ActionKind.RATIFICATION, D(1999, 3, 8))
    act(icrmw, "KH", ActionKind.SIGNATURE, D(2004, 9, 27))
    act(cedaw, "FR", ActionKind.RATIFICATION, D(1983, 12, 14))
    return ImportRun.objects.create(
        treaty=icrmw,
        source="cmw.html",
        status=ImportRun.Status.APPLIED,
        as_of=D(2026, 2, 3),
        added_count=3,
        changed_count=1,
        unchanged_count=70,
        missing_count=0,
    )


def test_anonymous_is_sent_to_sign_in(client, data):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_member_is_refused(client, data):
    client.force_login(UserFactory())
    assert client.get(URL).status_code == 403


def test_staff_sees_progress_imports_and_next_ratifiers(
    client, data, django_assert_max_num_queries
):
    client.force_login(StaffFactory())
    client.get(URL)  # warm the footer cache
    # session + user + 5 dashboard queries + 5 staff-work queries (two queue counts, demo
    # partners, draft campaigns, signatures)
    with django_assert_max_num_queries(12):
        response = client.get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    # MX ratified without signing, KH signed: one signatory (the UN's count), not yet a party.
    assert "ICRMW: 1 parties; 1 signatories, of which 1 has not yet ratified." in body
    # Over time, by region, campaign signatures per day: each drawn for wide and small screens.
    assert body.count('<div class="chart-wide"><svg') == 3
    assert body.count('<div class="chart-compact"><svg') == 3
    assert "<title id=" in body
    assert reverse("ratification:import-detail", kwargs={"pk": data.pk}) in body
    assert reverse("ratification:import-list") in body
    diff = body.split('class="diff-summary stack"')[1]
    assert (
        '<td class="num" data-label="Added">3</td><td class="num" data-label="Changed">1</td>'
        in diff
    )
    signatories = body.split('class="signatories stack"')[1].split("</table>")[0]
    assert "Cambodia" in signatories
    likeliest = body.split('class="likeliest stack"')[1].split("</table>")[0]
    assert "France" in likeliest
    assert "party to 1 of 1" in likeliest
    assert "Mexico" not in likeliest  # already a party
    recent = body.split('class="recent stack"')[1]
    assert recent.index("27 September 2004") < recent.index("8 March 1999")


def test_action_text_and_country_name_are_escaped(client, data):
    xss = "<script>alert(1)</script>"
    make_country("EG", name=f"Egypt{xss}", region="Africa")
    act(data.treaty, "EG", ActionKind.RESERVATION, D(2020, 1, 1), text=xss)
    client.force_login(StaffFactory())
    body = client.get(URL).content.decode()
    assert xss not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "Egypt&lt;script&gt;" in body


def test_dashboard_without_any_data(client):
    client.force_login(StaffFactory())
    response = client.get(URL)
    assert response.status_code == 200
    assert b"No import has been run yet." in response.content


def test_dashboard_links_to_all_staff_work_with_counts(client, data):
    """Every place staff work is one click from the dashboard, queues with their counts."""
    from campaigns.models import Activity
    from partners.models import JoinRequest
    from tests.campaigns.factories import ActivityFactory
    from tests.partners.factories import JoinRequestFactory

    JoinRequestFactory.create_batch(2)
    JoinRequestFactory(status=JoinRequest.Status.REJECTED)
    ActivityFactory(status=Activity.Status.PENDING)
    ActivityFactory(status=Activity.Status.APPROVED)
    client.force_login(StaffFactory())

    body = client.get(URL).content.decode()

    for name in (
        "partners:moderation-queue",
        "partners:csv-import",
        "partners:csv-export",
        "ratification:import-list",
        "ratification:import-upload",
        "campaigns:staff-overview",
        "admin:index",
    ):
        assert f'href="{reverse(name)}' in body, name
    assert "2 waiting" in body  # join and claim requests: the rejected one is not waiting
    assert "1 waiting" in body  # activities: the approved one is public already


def test_dashboard_counts_in_spanish(client, data):
    from tests.partners.factories import JoinRequestFactory

    JoinRequestFactory()
    client.force_login(StaffFactory())
    body = client.get(URL.replace("/en/", "/es/")).content.decode()
    assert "1 en espera" in body
