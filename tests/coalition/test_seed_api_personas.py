"""seed_api_personas: the throw-away personas the schemathesis CI step drives."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command
from rest_framework.authtoken.models import Token

from partners.models import Membership, Partner
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_seeds_staff_editor_tokens_and_partners(tmp_path):
    output = tmp_path / "seed.json"
    call_command("seed_api_personas", "--output", str(output))
    seed = json.loads(output.read_text(encoding="utf-8"))

    staff = Token.objects.get(key=seed["staff_token"]).user
    editor = Token.objects.get(key=seed["editor_token"]).user
    assert staff.is_staff
    assert not editor.is_staff
    partner = Partner.objects.get(slug=seed["partner"])
    assert partner.is_published
    assert Membership.objects.filter(user=editor, partner=partner).exists()
    assert not Partner.objects.get(slug=seed["pending_partner"]).is_published


def test_refuses_a_database_that_has_users():
    UserFactory()
    stdout = io.StringIO()
    with pytest.raises(CommandError, match="throw-away"):
        call_command("seed_api_personas", stdout=stdout)
    assert not Token.objects.exists()
