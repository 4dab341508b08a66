"""Every CSV export read back as a spreadsheet user meets it: pandas and `csv` with `utf-8-sig`.

Each file starts with a byte-order mark (Excel on Windows otherwise shows "AsociaciÃ³n"), uses
CRLF and nothing else between rows, spells booleans `true`/`false`, and an export holding personal
data is `Cache-Control: no-store`.
"""

from __future__ import annotations

import csv
import datetime
import io

import pandas as pd
import pytest
from django.urls import reverse

from ratification.models import ActionKind
from tests.campaigns.factories import CampaignFactory, PledgeFactory
from tests.factories import PartnerFactory, StaffFactory
from tests.ratification.pages_factories import act, make_country, make_icrmw

pytestmark = pytest.mark.django_db

NAME = "Asociación Ñandú de Migrantes"
BOOLEAN_COLUMNS = {
    "partners": ["show_address", "show_email", "show_phone", "is_published"],
    "pledges": ["hidden_by_staff", "partner_verified"],
    "signers": [],
    "participants": [],
}


@pytest.fixture
def exports(client):
    treaty = make_icrmw()
    make_country("MX", name="México", region="Americas")
    act(treaty, "MX", ActionKind.RATIFICATION, datetime.date(1999, 3, 8))
    partner = PartnerFactory(name=NAME, city="Tijuana", email="hidden@example.org")
    campaign = CampaignFactory(slug="ratify-now")
    PledgeFactory(campaign=campaign, name=NAME, city="Mérida", partner=partner)
    client.force_login(StaffFactory())
    return {
        "partners": (reverse("partners:csv-export"), True),
        "pledges": (reverse("campaigns:pledge-export", kwargs={"slug": campaign.slug}), True),
        "signers": (reverse("campaigns:signers-csv", kwargs={"slug": campaign.slug}), False),
        "participants": (
            reverse(
                "ratification:treaty-participants-download", kwargs={"slug": "icrmw", "fmt": "csv"}
            ),
            False,
        ),
    }


def _body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


@pytest.mark.parametrize("name", ["partners", "pledges", "signers", "participants"])
def test_a_spreadsheet_reads_every_export_right(client, exports, name):
    url, personal = exports[name]
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    if personal:
        assert response["Cache-Control"] == "no-store"
    body = _body(response)

    assert body.startswith(b"\xef\xbb\xbf")
    lines = body.split(b"\r\n")
    assert lines[-1] == b""  # the last row ends with CRLF too
    assert not any(b"\n" in line or b"\r" in line for line in lines)

    frame = pd.read_csv(io.BytesIO(body), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert list(frame.columns) == list(rows[0].keys())
    assert not frame.columns[0].startswith("\ufeff")
    text = " ".join(" ".join(row.values()) for row in rows)
    expected = "México" if name == "participants" else NAME
    assert expected in text
    assert expected in " ".join(frame.astype(str).to_numpy().ravel())
    for column in BOOLEAN_COLUMNS[name]:
        assert set(frame[column]) <= {"true", "false"}, column
        assert frame[column].tolist() == [row[column] for row in rows]


def test_public_exports_leave_caching_to_the_site(client, exports):
    url, _personal = exports["participants"]
    assert client.get(url).get("Cache-Control", "") != "no-store"


def test_the_partner_export_reads_back_through_the_import(client, exports):
    from partners.services.csv_io import partners_import_csv

    body = _body(client.get(exports["partners"][0]))
    report = partners_import_csv(file=body, dry_run=True)
    assert report.is_valid, (report.file_errors, [r.errors for r in report.error_rows])
    assert (report.created, report.updated, report.unchanged) == (0, 0, 1)
