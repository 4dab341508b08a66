"""`ratification/status.py`: status at a date, and entry into force per treaty rule."""

from __future__ import annotations

import datetime

import pytest

from ratification.models import Treaty
from ratification.services.imports import treaty_import_from_source
from ratification.status import (
    DENOUNCED,
    NONE,
    PARTY,
    SIGNATORY,
    ActionRecord,
    count_by_status,
    derive_status,
    parties_over_time,
)
from ratification.treaties import BY_SLUG, CATALOGUE
from tests.ratification.untc_pages import CMW

D = datetime.date


def _treaty(slug: str) -> Treaty:
    entry = BY_SLUG[slug]
    return Treaty(
        slug=slug,
        eif_delay_months=entry.eif_delay_months,
        eif_delay_days=entry.eif_delay_days,
        eif_first_of_next_month=entry.eif_first_of_next_month,
    )


def test_signature_then_ratification():
    actions = [
        ActionRecord("MX", "signature", D(1991, 5, 22)),
        ActionRecord("MX", "ratification", D(1999, 3, 8)),
    ]
    assert "MX" not in derive_status(actions, on=D(1991, 5, 21))
    assert derive_status(actions, on=D(1991, 5, 22))["MX"].status == SIGNATORY
    assert derive_status(actions, on=D(1999, 3, 8))["MX"].status == PARTY


def test_denunciation_ends_party_status_and_reaccession_restores_it():
    actions = [
        ActionRecord("GY", "accession", D(1993, 5, 10)),
        ActionRecord("GY", "denunciation", D(1999, 1, 5)),
        ActionRecord("GY", "accession", D(1999, 5, 5)),
        ActionRecord("TT", "accession", D(1980, 12, 14)),
        ActionRecord("TT", "denunciation", D(2000, 6, 27)),
    ]
    statuses = derive_status(actions)
    # A former party (issue 15, item 11): not "no action", which it once took.
    assert statuses["TT"].status == DENOUNCED
    assert statuses["TT"].denounced_on == D(2000, 6, 27)
    assert derive_status(actions, on=D(2000, 1, 1))["TT"].status == PARTY
    assert count_by_status(statuses.values()) == {PARTY: 1, SIGNATORY: 0, DENOUNCED: 1, NONE: 0}


def test_reaccession_on_the_day_of_denunciation_keeps_the_state_a_party():
    actions = [
        ActionRecord("GY", "accession", D(1993, 5, 10)),
        ActionRecord("GY", "denunciation", D(1999, 1, 5)),
        ActionRecord("GY", "accession", D(1999, 1, 5)),
    ]
    assert derive_status(actions)["GY"].status == PARTY


def test_declarations_are_collected_with_their_article():
    actions = [
        ActionRecord("MX", "ratification", D(1999, 3, 8)),
        ActionRecord("MX", "declaration", D(2008, 9, 15), "77"),
    ]
    status = derive_status(actions)["MX"]
    assert status.has_declaration("77")
    assert not status.has_declaration("76")
    assert not derive_status(actions, on=D(2008, 9, 14))["MX"].has_declaration("77")


def test_parties_over_time_counts_by_date_of_deposit():
    actions = [
        ActionRecord("A", "ratification", D(2000, 1, 1)),
        ActionRecord("B", "accession", D(2000, 1, 1)),
        ActionRecord("C", "signature", D(2000, 6, 1)),
        ActionRecord("A", "denunciation", D(2005, 1, 1)),
    ]
    assert parties_over_time(actions) == [(D(2000, 1, 1), 2), (D(2005, 1, 1), 1)]


@pytest.mark.parametrize(
    ("deposited", "expected"),
    [
        (D(2018, 10, 22), D(2019, 2, 1)),  # Guinea-Bissau: +3 months = 22 Jan, then 1 Feb
        (D(2005, 1, 31), D(2005, 5, 1)),  # +3 months = 30 Apr (end of month), then 1 May
        (D(2024, 12, 1), D(2025, 4, 1)),  # +3 months = 1 Mar, first day of the next month
    ],
)
def test_icrmw_entry_into_force_is_first_of_month_after_three_months(deposited, expected):
    treaty = _treaty("icrmw")
    treaty.entry_into_force_on = D(2003, 7, 1)
    assert treaty.entry_into_force_for_state(deposited) == expected


def test_deposit_before_the_treaty_itself_entered_into_force_takes_that_date():
    treaty = _treaty("icrmw")
    treaty.entry_into_force_on = D(2003, 7, 1)
    assert treaty.entry_into_force_for_state(D(1999, 3, 8)) == D(2003, 7, 1)  # Mexico


@pytest.mark.parametrize(
    ("slug", "expected"),
    [
        ("cedaw", D(2020, 1, 31)),  # art. 27(2): thirtieth day after deposit
        ("crpd", D(2020, 1, 31)),
        ("iccpr", D(2020, 4, 1)),  # art. 49(2): three months after deposit
        ("cedaw-op", D(2020, 4, 1)),
        ("crc-op-ac", D(2020, 2, 1)),  # art. 10(2): one month after deposit
    ],
)
def test_other_treaty_rules(slug, expected):
    assert _treaty(slug).entry_into_force_for_state(D(2020, 1, 1)) == expected


def test_catalogue_has_the_18_core_instruments_once_each():
    assert len(CATALOGUE) == 18
    assert len({t.slug for t in CATALOGUE}) == len({t.untc_reference for t in CATALOGUE}) == 18
    assert CATALOGUE[0].slug == "icrmw"
    assert all(BY_SLUG[t.parent_slug] for t in CATALOGUE if t.parent_slug)


@pytest.mark.django_db
def test_icrmw_status_at_known_dates():
    treaty_import_from_source(source=str(CMW))
    treaty = Treaty.objects.get(slug="icrmw")
    actions = list(treaty.actions.all())

    def parties(on: datetime.date) -> int:
        statuses = derive_status(actions, on=on).values()
        return count_by_status(statuses)[PARTY]

    # The 20th ratification (14 March 2003) triggered art. 87(1); 22 parties when it entered
    # into force on 1 July 2003, 25 by 1 March 2004, 60 as at 3 February 2026.
    assert parties(D(2003, 6, 30)) == 22
    assert parties(D(2004, 3, 1)) == 25
    assert parties(D(2026, 2, 3)) == 60

    statuses = derive_status(actions, entry_into_force=treaty.entry_into_force_for_state)
    assert treaty.entry_into_force_on == D(2003, 7, 1)
    assert statuses["MX"].consent_on == D(1999, 3, 8)
    assert statuses["MX"].entry_into_force_on == D(2003, 7, 1)
    assert statuses["GW"].consent_on == D(2018, 10, 22)
    assert statuses["GW"].entry_into_force_on == D(2019, 2, 1)
