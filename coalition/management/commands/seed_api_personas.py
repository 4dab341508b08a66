"""Seed a throw-away database with the API personas that the schemathesis CI step drives.

Creates a staff user and a partner editor, each with an API token, a published partner the editor
edits (by invitation, as in real life) and an unpublished one for staff to approve, then prints
what the run needs (tokens, slugs) as JSON on stdout. It refuses to touch a database that already
has users: the passwords are random and the tokens printed, so this is never for a real site.
"""

from __future__ import annotations

import json
import secrets
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from partners.models import Membership
from partners.services.demo import vocabularies_load
from partners.services.members import invitation_accept, invitation_create, token_regenerate
from partners.services.profiles import partner_approve, partner_create


class Command(BaseCommand):
    help = "Seed a fresh, throw-away database with API personas (staff, editor, tokens) as JSON."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--output", help="write the JSON to this file instead of stdout (e-mails go there)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user_model = get_user_model()
        if user_model.objects.exists():
            raise CommandError(
                "This database already has users: seed_api_personas is for a throw-away database."
            )
        with transaction.atomic():
            vocabularies_load()
            staff = user_model.objects.create_user(
                username="api-staff",
                email="api-staff@example.org",
                password=secrets.token_urlsafe(24),
                is_staff=True,
            )
            editor = user_model.objects.create_user(
                username="api-editor",
                email="api-editor@example.org",
                password=secrets.token_urlsafe(24),
            )
            partner = partner_create(
                name="API Check Partner",
                country="MX",
                city="Oaxaca",
                latitude=Decimal("17.06"),
                longitude=Decimal("-96.72"),
                user=staff,
            )
            partner_approve(partner=partner, user=staff)
            pending = partner_create(
                name="API Check Pending Partner",
                country="GT",
                city="Guatemala City",
                latitude=Decimal("14.63"),
                longitude=Decimal("-90.51"),
                user=staff,
            )
            invitation = invitation_create(
                partner=partner,
                email=editor.email,
                role=Membership.Role.ADMIN,
                invited_by=staff,
            )
            invitation_accept(invitation=invitation, user=editor)
            staff_token = token_regenerate(user=staff)
            editor_token = token_regenerate(user=editor)
        seeded = json.dumps(
            {
                "staff_token": staff_token.key,
                "editor_token": editor_token.key,
                "partner": partner.slug,
                "pending_partner": pending.slug,
            }
        )
        if options["output"]:
            Path(options["output"]).write_text(seeded + "\n", encoding="utf-8")
        else:
            self.stdout.write(seeded)
