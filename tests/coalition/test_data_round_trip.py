"""A full export of the domain data, imported into an empty database, gives identical data.

docs/deploy.md ("Moving the data") gives the export as one `dumpdata` command and the import as
`migrate` then `loaddata`. This test runs exactly those against a second, empty database in a
separate `manage.py` process (a second SQLite file under `make test`, a second PostgreSQL
database under `make test-services`) and compares a canonical dump of both: every row of every
model of the project apps, the users with their groups and permissions, and the API tokens.

The services-only test does the same with `pg_dump`/`pg_restore`, the backup of docs/deploy.md.
"""

from __future__ import annotations

import datetime
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from rest_framework.authtoken.models import Token

from campaigns.models import Material, PledgeExport
from partners.models import CommitmentUpdate, JoinRequest, Partner, PartnerImportJob
from ratification.models import ImportRun
from tests.campaigns.factories import (
    ActivityFactory,
    CampaignFactory,
    CampaignMessageFactory,
    PledgeFactory,
)
from tests.factories import (
    CommitmentFactory,
    CountryFactory,
    FocusAreaFactory,
    InvitationFactory,
    LanguageFactory,
    MembershipFactory,
    PartnerFactory,
    StaffFactory,
    TreatyActionFactory,
    TreatyFactory,
    UserFactory,
)

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs" / "deploy.md"

# What a full export of the domain data is: the three apps that own data (core, maps and the roof
# own no models), the users and their groups, and the API tokens. Left out, because `migrate`
# recreates them or they are operational state: content types and permissions (referenced by
# natural key instead), sessions, the admin log, django-axes' sign-in attempts.
DOMAIN_LABELS = (
    "auth.user",
    "auth.group",
    "authtoken.token",
    "ratification",
    "partners",
    "campaigns",
)
DUMPDATA_COMMAND = (
    "python manage.py dumpdata auth.user auth.group authtoken.token ratification partners "
    "campaigns --natural-foreign --indent 2 --output coalition-data.json"
)
LOADDATA_COMMAND = "python manage.py loaddata coalition-data.json"
PG_DUMP_COMMAND = (
    'pg_dump --format=custom --no-owner --no-privileges --file=coalition.dump "$DATABASE_URL"'
)
PG_RESTORE_COMMAND = (
    'pg_restore --no-owner --no-privileges --exit-on-error --dbname="$RESTORE_URL" coalition.dump'
)

# The models the export must contain rows of, so a new model cannot quietly escape the test.
DOMAIN_APPS = ("ratification", "partners", "campaigns")


def _tricky_text(prefix: str) -> str:
    # Accents, an emoji outside the BMP, right-to-left text, a combining mark, quotes and a
    # backslash: what an encoder on either side could mangle.
    return f'{prefix} — Acción «Ñandú» 🌍 حقوق e\u0301 "q" \\ fin'


def populate() -> None:
    """At least one row of every model of the domain apps, with awkward values."""
    staff = StaffFactory(username="staff-ñ", first_name="Zoë", last_name="O'Brien")
    member = UserFactory(username="member")
    editors = Group.objects.create(name="Editors")
    editors.permissions.add(Permission.objects.get(codename="change_partner"))
    member.groups.add(editors)
    member.user_permissions.add(Permission.objects.get(codename="view_pledge"))
    Token.objects.create(user=member)

    CountryFactory()
    CountryFactory(
        iso2="US",
        iso3="USA",
        numeric="840",
        name="United States of America",
        region="Americas",
        subregion="Northern America",
    )
    treaty = TreatyFactory(description=_tricky_text("Treaty"), as_of=datetime.date(2026, 2, 3))
    TreatyFactory(
        slug="icrmw-op", short_name="OP", untc_reference="IV-13-a", position=2, parent=treaty
    )
    TreatyActionFactory(treaty=treaty, text=_tricky_text("Action"), article="76")
    TreatyActionFactory(
        treaty=treaty, country="US", kind="signature", date=datetime.date(2001, 1, 1)
    )
    ImportRun.objects.create(
        treaty=treaty,
        source="untc",
        status=ImportRun.Status.APPLIED,
        as_of=datetime.date(2026, 2, 3),
        diff={"added": [{"country": "MX", "kind": "ratification"}], "ñ": None, "n": 1.5},
        created_by=staff,
        applied_at=timezone.now(),
    )

    spanish = LanguageFactory()
    english = LanguageFactory(code="en", name="English", name_es="Inglés")
    focus = FocusAreaFactory(name=_tricky_text("Focus"))
    partner = PartnerFactory(
        name=_tricky_text("Partner"),
        social_links={"mastodon": "https://social.example.org/@p", "z": ["a", 1, True]},
        latitude=Decimal("19.43260"),
        longitude=Decimal("-99.13320"),
        city_latitude=Decimal("19.4"),
        city_longitude=Decimal("-99.1"),
        geocoded_at=timezone.now().replace(microsecond=123456),
    )
    partner.languages.set([spanish, english])
    partner.focus_areas.set([focus])
    hidden = PartnerFactory(is_published=False, approved_at=None, description="")
    MembershipFactory(user=member, partner=partner)
    InvitationFactory(partner=partner, invited_by=staff)
    commitment = CommitmentFactory(
        partner=partner, treaty=treaty, due_on=datetime.date(2027, 6, 30)
    )
    CommitmentUpdate.objects.create(
        commitment=commitment, text=_tricky_text("Update"), status="in_progress", created_by=member
    )
    PartnerImportJob.objects.create(
        created_by=staff,
        filename="partners.csv",
        content="name,country\r\nA,MX\r\n",
        report={"rows": 1},
    )
    JoinRequest.objects.create(
        kind="claim",
        partner=hidden,
        organisation_name=_tricky_text("Org"),
        country="MX",
        contact_name="Ana",
        contact_email="ana@example.org",
        message="Line one\nLine two",
    )

    campaign = CampaignFactory(treaty=treaty, target_country="US", text_en=_tricky_text("Call"))
    day = CampaignFactory(slug="day", kind="day_of_action", opens_on=datetime.date(2026, 12, 1))
    CampaignMessageFactory(campaign=campaign)
    Material.objects.create(
        campaign=campaign,
        title="Flyer",
        language="es",
        file="campaigns/materials/flyer.pdf",
        file_type="pdf",
        size=1234,
    )
    PledgeFactory(campaign=campaign, name=_tricky_text("Signer"))
    PledgeFactory(
        campaign=campaign,
        kind="organisation",
        organisation_name=partner.name,
        partner=partner,
        partner_verified=True,
        confirmed_at=None,
    )
    ActivityFactory(campaign=day, partner=partner, created_by=member, moderated_by=staff)
    PledgeExport.objects.create(campaign=campaign, exported_by=staff, row_count=2)

    Partner.objects.filter(pk=partner.pk).update(description=_tricky_text("Edited"))


def dump(path: Path) -> None:
    call_command("dumpdata", *DOMAIN_LABELS, natural_foreign=True, indent=2, output=str(path))


def canonical(path: Path) -> list[dict[str, Any]]:
    """The dump as a sorted list: rows by model and key, many-to-many values as sets."""
    rows = json.loads(path.read_text(encoding="utf-8"))
    for row in rows:
        model = apps.get_model(row["model"])
        for field in model._meta.many_to_many:
            if field.name in row["fields"]:
                row["fields"][field.name] = sorted(
                    row["fields"][field.name], key=lambda value: json.dumps(value)
                )
    return sorted(rows, key=lambda row: (row["model"], json.dumps(row["pk"])))


def differences(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> list[str]:
    """What changed between two canonical dumps, one line a row or field, for the message."""

    def keyed(rows: list[dict[str, Any]]) -> dict[tuple[str, str], dict[str, Any]]:
        return {(row["model"], json.dumps(row["pk"])): row["fields"] for row in rows}

    old, new = keyed(before), keyed(after)
    lines = [f"lost {key}" for key in old.keys() - new.keys()]
    lines += [f"gained {key}" for key in new.keys() - old.keys()]
    for key in old.keys() & new.keys():
        for name in sorted(old[key].keys() | new[key].keys()):
            if old[key].get(name) != new[key].get(name):
                lines.append(f"{key} {name}: {old[key].get(name)!r} -> {new[key].get(name)!r}")
    return sorted(lines)


def _database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        return (
            f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
        )
    return f"sqlite:///{db['NAME']}"


def _isolated_env(database_url: str) -> dict[str, str]:
    """The environment of a separate manage.py: another database, tasks inline, no shared
    cache or broker (nothing it does may reach a worker of this test run)."""
    env = dict(os.environ)
    for name in ("CACHE_URL", "REDIS_URL", "CELERY_BROKER_URL", "CELERY_RESULT_BACKEND"):
        env.pop(name, None)
    env.update(DATABASE_URL=database_url, CELERY_TASK_ALWAYS_EAGER="true", LOG_LEVEL="WARNING")
    return env


def _manage(database_url: str, *args: str, timeout: float = 300) -> None:
    subprocess.run(  # noqa: S603 - fixed argv, no shell
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=_isolated_env(database_url),
        check=True,
        timeout=timeout,
    )


def _postgres(url: str, statement: str) -> None:
    import psycopg

    maintenance = urlsplit(url)._replace(path="/postgres").geturl()
    with psycopg.connect(maintenance, autocommit=True) as admin:
        admin.execute(statement)


@pytest.fixture
def empty_database(tmp_path: Path) -> Iterator[str]:
    """The URL of an empty database of the same kind as the test database."""
    if connection.vendor != "postgresql":
        yield f"sqlite:///{tmp_path / 'imported.sqlite3'}"
        return
    source = _database_url()
    name = f"{connection.settings_dict['NAME']}_import"
    _postgres(source, f'DROP DATABASE IF EXISTS "{name}"')
    _postgres(source, f'CREATE DATABASE "{name}"')
    try:
        yield urlsplit(source)._replace(path=f"/{name}").geturl()
    finally:
        _postgres(source, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _every_domain_model_has_rows(rows: list[dict[str, Any]]) -> None:
    present = {row["model"] for row in rows}
    expected = {
        model._meta.label_lower
        for app in DOMAIN_APPS
        for model in apps.get_app_config(app).get_models()
        if not model._meta.proxy
    }
    assert expected - present == set(), "populate() leaves these models out of the round trip"


@pytest.mark.django_db
def test_a_full_export_loads_into_an_empty_database_unchanged(tmp_path, empty_database):
    populate()
    exported = tmp_path / "coalition-data.json"
    dump(exported)
    _every_domain_model_has_rows(canonical(exported))

    # The documented import: the schema first, then the data, in a process of its own.
    reexported = tmp_path / "reexported.json"
    _manage(empty_database, "migrate", "--noinput", "--verbosity=0")
    _manage(empty_database, "loaddata", str(exported), "--verbosity=0")
    _manage(
        empty_database,
        "dumpdata",
        *DOMAIN_LABELS,
        "--natural-foreign",
        "--indent=2",
        f"--output={reexported}",
    )

    before, after = canonical(exported), canonical(reexported)
    assert after == before, "\n".join(differences(before, after))


def test_the_documented_commands_are_the_tested_ones():
    text = DOCS.read_text(encoding="utf-8")
    for command in (DUMPDATA_COMMAND, LOADDATA_COMMAND, PG_DUMP_COMMAND, PG_RESTORE_COMMAND):
        assert command in text, f"docs/deploy.md no longer shows: {command}"


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_pg_dump_and_pg_restore_give_back_the_same_data(tmp_path, empty_database):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (run `make test-services`)")
    for tool in ("pg_dump", "pg_restore"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed")
    populate()
    before = tmp_path / "before.json"
    dump(before)

    # The two commands of docs/deploy.md, with the variables they name.
    env = {**os.environ, "DATABASE_URL": _database_url(), "RESTORE_URL": empty_database}
    for command in (PG_DUMP_COMMAND, PG_RESTORE_COMMAND):
        subprocess.run(  # noqa: S602 - the documented shell command, run as documented
            command, shell=True, cwd=tmp_path, env=env, check=True, timeout=300
        )

    after = tmp_path / "after.json"
    _manage(
        empty_database,
        "dumpdata",
        *DOMAIN_LABELS,
        "--natural-foreign",
        "--indent=2",
        f"--output={after}",
    )
    assert canonical(after) == canonical(before), "\n".join(
        differences(canonical(before), canonical(after))
    )
    # The restored database is complete, not just its domain rows: migrations and permissions.
    _manage(empty_database, "migrate", "--check", "--verbosity=0")
