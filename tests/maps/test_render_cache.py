"""The render cache is bounded: a date is snapped to the treaty's latest action on or before it
(every date between two actions shares one render, each page still showing the date asked for),
and past DATED_RENDERS_MAX dated renders per data version, dated maps are not kept."""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from maps import rendering
from maps.selectors import LAYERS
from tests.maps.conftest import map_specs

pytestmark = pytest.mark.django_db


def _page(client, **params):
    response = client.get(reverse("maps:map"), params)
    assert response.status_code == 200
    return response.content.decode()


def _key(on):
    query = rendering.MapQuery(treaty="icrmw", on=datetime.date.fromisoformat(on), layers=LAYERS)
    with translation.override("en"):
        return rendering._key(rendering.KIND_PAGE, query, "en")


def test_dates_between_two_actions_share_one_render(client, icrmw):
    # Mexico ratified on 8 March 1999, the fixture's last action: every later date is the same map.
    assert _key("2000-01-01") == _key("2020-06-15") == _key("1999-03-08")
    assert _key("1999-03-07") != _key("1999-03-08")
    assert _key("1999-03-07") == _key("1995-07-05")
    assert _key("1950-01-01").split(":")[6] == "none"  # before the first action


def test_a_shared_render_shows_each_visitor_the_date_asked_for(client, icrmw):
    with mock.patch.object(rendering, "ratification_map", wraps=rendering.ratification_map) as b:
        first = _page(client, as_of="2000-01-01")
        second = _page(client, as_of="2020-06-15")
    assert b.call_count == 1  # one render for both
    assert 'value="2000-01-01"' in first
    assert "Status as at 1 January 2000." in first
    assert "every country and its status as at 1 January 2000" in first
    assert 'value="2020-06-15"' in second
    assert "Status as at 15 June 2020." in second
    (spec,) = map_specs(second)
    assert spec["data"]["status"]["text"]["status_as_at"] == "Status as at 15 June 2020"
    assert 'data-iso2="MX" data-status="party"' in first
    assert 'data-iso2="MX" data-status="party"' in second
    for body in (first, second):
        assert rendering.AS_AT_MARK not in body
        assert rendering.AS_OF_MARK not in body


def test_today_shows_no_date_in_the_field_and_the_data_date_in_the_text(client, icrmw):
    body = _page(client)
    assert 'id="map-as-of" value=""' in body
    assert "Status as at 3 February 2026." in body  # the treaty's as_of, not today


def test_spanish_and_english_renders_of_a_date_are_written_in_their_language(client, icrmw):
    assert "Status as at 1 January 2000." in _page(client, as_of="2000-01-01")
    body = client.get("/es/map/", {"as_of": "2000-01-01"}).content.decode()
    assert "1 de enero de 2000" in body


def test_dated_renders_past_the_bound_are_not_kept(client, icrmw, monkeypatch):
    monkeypatch.setattr(rendering, "DATED_RENDERS_MAX", 2)
    cache.clear()
    with mock.patch.object(rendering, "ratification_map", wraps=rendering.ratification_map) as b:
        # Three dates in three different action intervals: three renders.
        for on in ("1992-01-01", "1994-01-01", "1996-01-01"):
            _page(client, as_of=on)
        assert b.call_count == 3
        # The first two were kept, the third was not.
        _page(client, as_of="1992-02-01")
        _page(client, as_of="1994-02-01")
        assert b.call_count == 3
        _page(client, as_of="1996-02-01")
        assert b.call_count == 4
        # Today's map is not counted: it is always kept.
        _page(client)
        _page(client)
        assert b.call_count == 5


def test_a_cached_dated_render_runs_no_query(client, icrmw, django_assert_num_queries):
    _page(client, as_of="2000-01-01")
    with django_assert_num_queries(0):
        _page(client, as_of="2010-01-01")
