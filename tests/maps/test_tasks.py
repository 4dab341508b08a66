from __future__ import annotations

from unittest import mock

import pytest
from django.core.cache import cache
from django.core.management import call_command

from maps import rendering
from maps.cache import RERENDER_PENDING_KEY, map_data_version
from maps.tasks import maps_rerender_defaults

pytestmark = pytest.mark.django_db


def test_task_renders_the_default_maps_and_clears_the_flag(client, icrmw):
    cache.set(RERENDER_PENDING_KEY, 1)
    # Page and embed with every layer, and the home preview, in English and Spanish.
    assert maps_rerender_defaults() == 6
    assert cache.get(RERENDER_PENDING_KEY) is None
    with mock.patch.object(rendering, "ratification_map", side_effect=AssertionError("ran")):
        assert client.get("/en/map/").status_code == 200
        assert client.get("/es/map/embed/").status_code == 200
        assert client.get("/es/").status_code == 200


def test_task_twice_renders_nothing_new(icrmw):
    maps_rerender_defaults()
    with mock.patch.object(rendering, "ratification_map", side_effect=AssertionError("ran")):
        maps_rerender_defaults()


def test_task_without_any_treaty_renders_nothing(db):
    assert maps_rerender_defaults() == 0


def test_rebuild_maps_command(icrmw, capsys):
    before = map_data_version()
    call_command("rebuild_maps", "--fresh")
    assert map_data_version() == before + 1
    assert "Rendered 6 maps" in capsys.readouterr().out
