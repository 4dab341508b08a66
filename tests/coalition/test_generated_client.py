"""A client generated from the API's own schema works against the running API (issue 15, item 19).

openapi-python-client (the `dev` extra) generates a package from the schema the live server
serves at /api/schema/, exactly as an outside developer would; the test imports every operation
module of it, then uses it over HTTP against pytest-django's live server: anonymous reads of
partners, treaties and participants, signing a campaign, and `/me/` with an API token. Before the
schema offered request bodies as JSON only, 6 of the 25 operation modules (the creates, offered
in three content types) could not even be imported, and every public read demanded an
AuthenticatedClient.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
import typing
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest

from campaigns.models import Pledge
from partners.services.members import token_regenerate
from tests.campaigns.factories import CampaignFactory
from tests.factories import (
    CountryFactory,
    MembershipFactory,
    PartnerFactory,
    TreatyActionFactory,
    TreatyFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

PACKAGE = "coalition_api_client"
GENERATOR = Path(sys.executable).with_name("openapi-python-client")

# Anonymous clients may call these; the rest need a token or a session.
PUBLIC = {
    "actions.actions_list",
    "actions.actions_retrieve",
    "campaigns.campaigns_list",
    "campaigns.campaigns_retrieve",
    "campaigns.campaigns_activities_list",
    "campaigns.campaigns_pledges_list",
    "campaigns.campaigns_pledges_create",
    "countries.countries_retrieve",
    "partners.partners_list",
    "partners.partners_retrieve",
    "partners.partners_commitments_list",
    "partners.partners_geojson_retrieve",
    "treaties.treaties_list",
    "treaties.treaties_retrieve",
    "treaties.treaties_participants_retrieve",
}


@pytest.fixture
def generated(live_server: Any, tmp_path: Path) -> Iterator[Path]:
    """Generate the client from the served schema into tmp_path and put it on sys.path."""
    served = httpx.get(f"{live_server.url}/api/schema/?format=json", timeout=30)
    assert served.status_code == 200
    schema_file = tmp_path / "schema.json"
    schema_file.write_bytes(served.content)
    config = tmp_path / "config.json"
    # No post-hooks: the generator would otherwise run ruff over the package it wrote.
    config.write_text(json.dumps({"post_hooks": [], "project_name_override": PACKAGE}))
    result = subprocess.run(  # noqa: S603 - fixed argv, no shell
        [
            str(GENERATOR),
            "generate",
            "--path",
            str(schema_file),
            "--config",
            str(config),
            "--meta",
            "none",
            "--output-path",
            str(tmp_path / PACKAGE),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # The generator says "Warning(s) encountered" when it had to leave an operation out.
    assert "Warning" not in result.stdout + result.stderr, result.stdout + result.stderr
    sys.path.insert(0, str(tmp_path))
    try:
        yield tmp_path / PACKAGE
    finally:
        sys.path.remove(str(tmp_path))
        for name in [m for m in sys.modules if m == PACKAGE or m.startswith(f"{PACKAGE}.")]:
            del sys.modules[name]


def _operations(package: Path) -> dict[str, ModuleType]:
    modules = {}
    for path in sorted((package / "api").glob("*/*.py")):
        if path.name != "__init__.py":
            name = f"{path.parent.name}.{path.stem}"
            modules[name] = importlib.import_module(f"{PACKAGE}.api.{name}")
    return modules


def _client_types(module: ModuleType) -> set[str]:
    hint = typing.get_type_hints(module.sync_detailed)["client"]
    return {t.__name__ for t in typing.get_args(hint) or (hint,)}


def test_the_generated_client_imports_and_types_public_operations_as_public(generated):
    operations = _operations(generated)
    assert len(operations) == 25  # every operation of the schema made it into the client
    for name, module in operations.items():
        expected = {"AuthenticatedClient", "Client"} if name in PUBLIC else {"AuthenticatedClient"}
        assert _client_types(module) == expected, name


def test_the_generated_client_reads_signs_and_knows_who_is_signed_in(generated, live_server):
    CountryFactory()
    treaty = TreatyFactory()
    TreatyActionFactory(treaty=treaty, country="MX")
    partner = PartnerFactory(name="Sin Fronteras", slug="sin-fronteras")
    PartnerFactory(is_published=False, approved_at=None, slug="not-yet")
    campaign = CampaignFactory(slug="ratify-now")
    membership = MembershipFactory(partner=partner)
    token = token_regenerate(user=membership.user).key

    ops = _operations(generated)
    client_module = importlib.import_module(f"{PACKAGE}.client")
    models = importlib.import_module(f"{PACKAGE}.models")
    anonymous = client_module.Client(base_url=live_server.url, raise_on_unexpected_status=True)

    # Partners: a typed page of the published ones only.
    page = ops["partners.partners_list"].sync(client=anonymous)
    assert isinstance(page, models.PaginatedPartnerPublicList)
    assert page.count == 1
    assert [p.slug for p in page.results] == ["sin-fronteras"]
    assert page.results[0].country == "MX"
    one = ops["partners.partners_retrieve"].sync("sin-fronteras", client=anonymous)
    assert isinstance(one, models.PartnerPublic)
    assert one.name == "Sin Fronteras"

    # Treaties and the participants of one.
    treaties = ops["treaties.treaties_list"].sync(client=anonymous)
    assert [t.slug for t in treaties] == ["icrmw"]
    participants = ops["treaties.treaties_participants_retrieve"].sync("icrmw", client=anonymous)
    assert isinstance(participants, models.ParticipantList)
    assert participants.parties == 1
    assert [(row.iso2, row.status) for row in participants.results] == [("MX", "party")]

    # Signing: a JSON body built from the generated request model; 202, pending confirmation.
    body = models.PledgeCreateRequest(
        kind=models.PledgeKindEnum.INDIVIDUAL,
        name="Ana Signer",
        email="ana.signer@example.net",
        country=models.CountryEnum.MX,
    )
    signed = ops["campaigns.campaigns_pledges_create"].sync_detailed(
        "ratify-now", client=anonymous, body=body
    )
    assert signed.status_code == 202, signed.content
    assert isinstance(signed.parsed, models.PledgeAccepted)
    assert signed.parsed.status == "pending_confirmation"
    pledge = Pledge.objects.get(campaign=campaign)
    assert (pledge.name, pledge.email, pledge.confirmed_at) == (
        "Ana Signer",
        "ana.signer@example.net",
        None,
    )

    # /me/ with the member's API token (DRF's "Authorization: Token <key>").
    authenticated = client_module.AuthenticatedClient(
        base_url=live_server.url, token=token, prefix="Token", raise_on_unexpected_status=True
    )
    me = ops["me.me_retrieve"].sync(client=authenticated)
    assert isinstance(me, models.Me)
    assert me.username == membership.user.username
    assert [m.partner for m in me.memberships] == ["sin-fronteras"]
    # Without the token the same call is refused with the documented error body.
    refused = ops["me.me_retrieve"].sync_detailed(client=anonymous)
    assert refused.status_code == 401
    assert isinstance(refused.parsed, models.Error)
