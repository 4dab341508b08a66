from __future__ import annotations

import datetime

import pytest

from ratification.models import ActionKind, ImportRun, Treaty
from ratification.selectors import data_source_summary
from ratification.selectors.countries import region_choices
from ratification.selectors.dashboard import staff_dashboard
from ratification.selectors.treaties import (
    country_overview,
    headline_summary,
    treaty_participants,
    treaty_summaries,
)
from tests.ratification.pages_factories import (
    act,
    make_country,
    make_icrmw,
    make_participants,
    make_treaty,
)

pytestmark = pytest.mark.django_db
D = datetime.date


def test_treaty_summaries_put_the_icrmw_first_and_count_parties_and_signatories():
    cedaw = make_treaty("cedaw", position=0)
    make_participants(cedaw, 5)  # 3 parties, 2 signatories
    icrmw = make_icrmw(position=50)
    make_participants(icrmw, 4)  # 2 parties, 2 signatories

    summaries = treaty_summaries()

    assert [s.treaty.slug for s in summaries] == ["icrmw", "cedaw"]
    assert (summaries[0].parties, summaries[0].signatories) == (2, 2)
    assert (summaries[1].parties, summaries[1].signatories) == (3, 2)
    assert summaries[0].is_headline


def test_headline_summary_is_none_before_any_import_and_counts_after():
    assert headline_summary() is None
    make_participants(make_icrmw(), 3)
    headline = headline_summary()
    assert headline is not None
    assert (headline.parties, headline.signatories) == (2, 1)


def test_participants_at_a_past_date_replay_history():
    icrmw = make_icrmw()
    make_country("MX", region="Americas")
    make_country("EG", region="Africa")
    act(icrmw, "MX", ActionKind.SIGNATURE, D(1991, 5, 22))
    act(icrmw, "MX", ActionKind.RATIFICATION, D(1999, 3, 8))
    act(icrmw, "EG", ActionKind.ACCESSION, D(1993, 2, 19))
    act(icrmw, "EG", ActionKind.DECLARATION, D(2010, 1, 1), article="77")

    then = treaty_participants(treaty=icrmw, on=D(1995, 1, 1))
    assert (then.parties, then.signatories) == (1, 1)
    assert {r.country_code: r.status for r in then.rows} == {"EG": "party", "MX": "signatory"}
    assert then.declarations == {}  # the declaration came later
    assert then.series == [(D(1993, 2, 19), 1)]

    now = treaty_participants(treaty=icrmw)
    assert (now.parties, now.signatories) == (2, 0)
    mexico = next(r for r in now.rows if r.country_code == "MX")
    # ICRMW art. 87(2), but never before the treaty itself entered into force (1 July 2003).
    assert mexico.entry_into_force_on == D(2003, 7, 1)
    assert mexico.consent_kind_label == "Ratification"
    assert [r.country_code for r in now.declarations["77"]] == ["EG"]
    assert next(r for r in now.rows if r.country_code == "EG").declarations_display == (
        "art. 77 (2010-01-01)"
    )


def test_participants_filters_and_sorts():
    icrmw = make_icrmw()
    make_participants(icrmw, 10)

    parties = treaty_participants(treaty=icrmw, status="party")
    assert parties.rows
    assert all(r.status == "party" for r in parties.rows)
    # Counts are always over everyone; the filters narrow only the table.
    assert (parties.parties, parties.signatories) == (5, 5)

    africa = treaty_participants(treaty=icrmw, region="Africa")
    assert africa.rows
    assert all(r.region == "Africa" for r in africa.rows)

    by_ratification = treaty_participants(treaty=icrmw, sort="-ratified")
    dates = [r.consent_on for r in by_ratification.rows]
    assert dates[:5] == sorted(dates[:5], reverse=True)
    assert dates[5:] == [None] * 5  # states without the date sort last

    by_status = treaty_participants(treaty=icrmw, sort="status")
    assert [r.status for r in by_status.rows] == ["party"] * 5 + ["signatory"] * 5

    by_name = treaty_participants(treaty=icrmw, sort="-country")
    names = [r.country_name for r in by_name.rows]
    assert names[-1] == "Afghanistan"


def test_region_choices_are_distinct():
    make_country("MX", region="Americas")
    make_country("BR", region="Americas")
    make_country("EG", region="Africa")
    assert region_choices() == ["Africa", "Americas"]


def test_denounced_state_is_no_longer_a_party():
    treaty = make_treaty("iccpr-op2")
    make_country("MX")
    act(treaty, "MX", ActionKind.ACCESSION, D(2000, 1, 1))
    act(treaty, "MX", ActionKind.DENUNCIATION, D(2010, 1, 1))
    data = treaty_participants(treaty=treaty)
    assert (data.parties, data.signatories) == (0, 0)
    assert data.rows[0].status == "denounced"  # a former party, not "no action"
    assert data.series == [(D(2000, 1, 1), 1), (D(2010, 1, 1), 0)]


def test_country_overview_lists_every_treaty_and_counts_untc_ones():
    icrmw = make_icrmw()
    cedaw = make_treaty("cedaw", 2)
    make_treaty("crc", 3)
    Treaty.objects.create(slug="c189", short_name="C189", name="ILO C189", source="ilo")
    make_country("MX", region="Americas")
    act(icrmw, "MX", ActionKind.RATIFICATION, D(1999, 3, 8))
    act(cedaw, "MX", ActionKind.SIGNATURE, D(1980, 7, 17))

    overview = country_overview(iso2="mx")

    assert overview is not None
    assert overview.code == "MX"
    assert overview.region == "Americas"
    assert overview.rows[0].treaty.slug == "icrmw"
    assert {r.treaty.slug: r.status for r in overview.rows} == {
        "icrmw": "party",
        "cedaw": "signatory",
        "crc": "none",
        "c189": "none",
    }
    assert (overview.untc_party_count, overview.untc_treaty_count) == (1, 3)


def test_country_overview_unknown_code_is_none():
    assert country_overview(iso2="zz") is None
    assert country_overview(iso2="mex") is None


def test_staff_dashboard_finds_the_next_ratifiers(django_assert_max_num_queries):
    icrmw = make_icrmw()
    others = [make_treaty(f"t{i}", i + 2) for i in range(3)]
    for code, region in [("MX", "Americas"), ("US", "Americas"), ("FR", "Europe"), ("KH", "Asia")]:
        make_country(code, region=region)
    act(icrmw, "MX", ActionKind.RATIFICATION, D(1999, 3, 8))
    act(icrmw, "KH", ActionKind.SIGNATURE, D(2004, 9, 27))
    for treaty in others:  # FR party to 3 of 3, US to 1, MX (already ICRMW party) to 3
        act(treaty, "FR", ActionKind.RATIFICATION, D(1990, 1, 1))
        act(treaty, "MX", ActionKind.RATIFICATION, D(1990, 1, 1))
    act(others[0], "US", ActionKind.RATIFICATION, D(1992, 1, 1))
    ImportRun.objects.create(source="cmw.html", status=ImportRun.Status.APPLIED, added_count=2)

    with django_assert_max_num_queries(5):
        data = staff_dashboard()

    assert (data.parties, data.signatories) == (1, 1)
    assert [c.code for c in data.signatories_not_parties] == ["KH"]
    assert [(c.code, c.party_to) for c in data.likeliest] == [("FR", 3), ("US", 1)]
    assert data.other_treaty_count == 3
    americas = next(r for r in data.by_region if r.region == "Americas")
    assert (americas.parties, americas.countries) == (1, 2)
    assert data.last_import is not None
    assert data.last_import.added_count == 2
    assert len(data.recent_actions) == 9
    assert data.recent_actions[0].action.date == D(2004, 9, 27)


def test_staff_dashboard_limits_recent_actions_to_twenty():
    icrmw = make_icrmw()
    make_participants(icrmw, 15)  # 15 signatures + 8 ratifications
    assert len(staff_dashboard().recent_actions) == 20


def test_data_source_summary_still_importable_from_the_package():
    make_icrmw()
    assert data_source_summary().treaty_count == 1
