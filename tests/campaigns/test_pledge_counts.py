"""The confirmed counts the pledge services keep (`PledgeCount`) equal a full recount of the
pledges after any sequence of signing, confirming (twice, too), withdrawing, staff deletion and
purging, and under concurrent confirms and withdrawals (PostgreSQL).

Runs on SQLite in `make test` and on PostgreSQL in `make test-services`."""

from __future__ import annotations

import contextlib
import datetime
import threading

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Count
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from campaigns.links import LinkInvalid, Purpose, pledge_token
from campaigns.models import Campaign, Pledge, PledgeCount
from campaigns.selectors import campaign_counts, campaign_list_public
from campaigns.services.pledges import (
    pledge_confirm,
    pledge_counts_recount,
    pledge_create,
    pledge_delete,
    pledge_purge_unconfirmed,
    pledge_withdraw,
)
from tests.campaigns.factories import CampaignFactory

pytestmark = pytest.mark.django_db

SIGNERS = 3  # few, so that sequences often sign, confirm and remove the same pledge
COUNTRIES = ("MX", "GT", "FR")
KINDS = (Pledge.Kind.INDIVIDUAL, Pledge.Kind.ORGANISATION)

_signer = st.integers(0, SIGNERS - 1)
OPERATIONS = st.lists(
    st.one_of(
        st.tuples(st.just("sign"), _signer, st.sampled_from(COUNTRIES), st.sampled_from(KINDS)),
        st.tuples(st.just("confirm"), _signer),
        st.tuples(st.just("withdraw"), _signer),
        st.tuples(st.just("delete"), _signer),
        st.tuples(st.just("purge"), st.just(0)),
    ),
    min_size=4,
    max_size=30,
)


def _recount() -> dict[tuple[int, str, str], int]:
    rows = (
        Pledge.objects.filter(confirmed_at__isnull=False)
        .order_by()
        .values("campaign_id", "country", "kind")
        .annotate(n=Count("pk"))
    )
    return {(r["campaign_id"], str(r["country"]), r["kind"]): r["n"] for r in rows}


def _kept() -> dict[tuple[int, str, str], int]:
    return {
        (c.campaign_id, str(c.country), c.kind): c.confirmed
        for c in PledgeCount.objects.filter(confirmed__gt=0)
    }


def _pledge(campaigns: list[Campaign], signer: int) -> Pledge | None:
    campaign = campaigns[signer % len(campaigns)]
    return Pledge.objects.filter(
        campaign=campaign, email_normalised=f"s{signer}@example.net"
    ).first()


def _apply(campaigns: list[Campaign], operation: tuple) -> None:
    name, signer, *rest = operation
    if name == "sign":
        country, kind = rest
        pledge_create(
            campaign=campaigns[signer % len(campaigns)],
            kind=kind,
            name=f"Signer {signer}",
            organisation_name=f"Org {signer}" if kind == Pledge.Kind.ORGANISATION else "",
            email=f"s{signer}@example.net",
            country=country,
            client_address=f"198.51.100.{signer}",
        )
        return
    if name == "purge":
        pledge_purge_unconfirmed(now=datetime.datetime(2999, 1, 1, tzinfo=datetime.UTC))
        return
    pledge = _pledge(campaigns, signer)
    if pledge is None:
        return
    if name == "confirm":
        token = pledge_token(pledge=pledge, purpose=Purpose.CONFIRM)
        pledge_confirm(token=token)
        pledge_confirm(token=token)  # a second click counts nothing more
    elif name == "withdraw":
        pledge_withdraw(token=pledge_token(pledge=pledge, purpose=Purpose.WITHDRAW))
        with pytest.raises(LinkInvalid):  # the link of a removed pledge no longer works
            pledge_withdraw(token=pledge_token(pledge=pledge, purpose=Purpose.WITHDRAW))
    else:
        pledge_delete(pledge=pledge)
        pledge_delete(pledge=pledge)  # removing it again takes nothing more away


@settings(
    max_examples=100,
    deadline=None,
    derandomize=True,  # the same sequences every run, on both databases
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    first=st.lists(
        st.tuples(st.sampled_from(COUNTRIES), st.sampled_from(KINDS)),
        min_size=SIGNERS,
        max_size=SIGNERS,
    ),
    operations=OPERATIONS,
)
def test_counts_equal_a_recount_after_any_sequence(first, operations):
    cache.clear()  # the per-address sign throttle
    with transaction.atomic():
        campaigns = [CampaignFactory(), CampaignFactory()]
        # Everyone signs first, so that the operations mostly meet a pledge to act on.
        signed = [("sign", signer, *choice) for signer, choice in enumerate(first)]
        for operation in [*signed, *operations]:
            _apply(campaigns, operation)
            assert _kept() == _recount(), operation
        for campaign in campaigns:
            counts = campaign_counts(campaign=campaign)
            confirmed = Pledge.objects.filter(campaign=campaign, confirmed_at__isnull=False)
            assert counts.total == confirmed.count()
            assert counts.organisations == confirmed.filter(kind=Pledge.Kind.ORGANISATION).count()
            assert sum(c.count for c in counts.by_country) == counts.total
        listed = {c.pk: c.signature_count for c in campaign_list_public()}
        assert [listed[c.pk] for c in campaigns] == [
            campaign_counts(campaign=c).total for c in campaigns
        ]
        transaction.set_rollback(True)  # the next sequence starts from nothing


def test_recount_rebuilds_counts_after_a_bulk_load():
    campaign = CampaignFactory()
    Pledge.objects.bulk_create(
        Pledge(
            campaign=campaign,
            kind=Pledge.Kind.INDIVIDUAL,
            name=f"Bulk {n}",
            email=f"bulk{n}@example.net",
            email_normalised=f"bulk{n}@example.net",
            email_canonical=f"bulk{n}@example.net",
            country=COUNTRIES[n % 3],
            confirmed_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC) if n % 4 else None,
        )
        for n in range(40)
    )
    pledge_counts_recount(campaign=campaign)
    assert _kept() == _recount()
    assert campaign_counts(campaign=campaign).total == 30


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite serialises every write transaction already"
)
def test_concurrent_confirms_and_withdrawals_count_each_pledge_once():
    campaign = CampaignFactory()
    pledges = []
    for n in range(12):
        outcome = pledge_create(
            campaign=campaign,
            kind=Pledge.Kind.INDIVIDUAL,
            name=f"Racer {n}",
            email=f"racer{n}@example.net",
            country=COUNTRIES[n % 3],
            client_address=f"198.51.100.{n}",
        )
        pledges.append(outcome.pledge)
    errors: list[BaseException] = []
    start = threading.Barrier(4)

    def run(work) -> None:
        try:
            start.wait()
            for pledge in pledges:
                with contextlib.suppress(LinkInvalid):  # withdrawn by another thread first
                    work(pledge)
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    def confirm(p):
        return pledge_confirm(token=pledge_token(pledge=p, purpose=Purpose.CONFIRM))

    def withdraw(p):
        if p.pk % 2:
            pledge_withdraw(token=pledge_token(pledge=p, purpose=Purpose.WITHDRAW))

    threads = [
        threading.Thread(target=run, args=(w,)) for w in (confirm, confirm, withdraw, confirm)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    assert _kept() == _recount()
