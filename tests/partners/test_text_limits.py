"""Issue 7 #5: free-text fields have maximum lengths at every entry point."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from partners.forms import CommitmentForm, ModerationDecisionForm, PartnerProfileForm
from partners.models import DESCRIPTION_MAX_LENGTH, Partner
from partners.services.csv_io import partners_import_csv
from partners.services.profiles import partner_update
from tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db

TOO_LONG = "x" * (DESCRIPTION_MAX_LENGTH + 1)


def test_model_and_service_refuse_a_long_description():
    partner = PartnerFactory(description="Short.")
    with pytest.raises(ValidationError) as exc:
        partner_update(partner=partner, description=TOO_LONG)
    assert "description" in exc.value.message_dict
    assert Partner.objects.get(pk=partner.pk).description == "Short."


def test_forms_refuse_long_text():
    form = PartnerProfileForm(
        {"name": "X", "kind": "ngo", "country": "MX", "description": TOO_LONG}
    )
    assert "description" in form.errors
    assert "text" in CommitmentForm({"kind": "advocacy", "text": TOO_LONG}).errors
    assert "note" in ModerationDecisionForm({"decision": "approve", "note": TOO_LONG}).errors


def test_csv_import_reports_a_long_description_on_its_row():
    report = partners_import_csv(
        file=f"name,country,description\nFine,MX,ok\nLong,MX,{TOO_LONG}\n", dry_run=False
    )
    assert not report.applied
    assert "description" in report.rows[1].errors
    assert report.rows[1].row == 3
    assert not Partner.objects.exists()
