"""Small maps say where at a glance without tiles (issue 15, item 12): a partner's, a day of
action's and a country page's map open on the country and its neighbours, drawn from the
detailed outlines around it, with the city labelled; never on one point of a blank canvas, nor
(the country page) on the whole world."""

from __future__ import annotations

from decimal import Decimal

import pytest

from campaigns.maps import activities_small_map
from campaigns.models import Campaign
from maps import shapes
from maps.small_maps import partner_small_map
from tests.campaigns.factories import ActivityFactory, CampaignFactory
from tests.factories import PartnerFactory
from tests.maps.conftest import map_specs

TIJUANA = (32.5149, -117.0382)
# Mexico's mainland, roughly: what its frame must hold.
MEXICO = {"south": 14.5, "north": 32.7, "west": -117.2, "east": -86.7}


def _frame_holds(frame, box):
    (south, west), (north, east) = frame
    return (
        south <= box["south"]
        and north >= box["north"]
        and west <= box["west"]
        and (east >= box["east"])
    )


def test_a_country_is_framed_with_room_for_its_neighbours_not_on_a_point():
    frame = shapes.country_frame(["MX"], [TIJUANA])
    assert _frame_holds(frame, MEXICO)
    (_south, west), (_north, east) = frame
    assert east - west < 60  # the country, not the world
    # A small country still gets at least MIN_FRAME_DEGREES: its neighbours show.
    (s, w), (n, e) = shapes.country_frame(["SV"])
    assert e - w >= shapes.MIN_FRAME_DEGREES
    assert n - s >= shapes.MIN_FRAME_DEGREES


def test_a_country_with_overseas_parts_is_framed_where_the_point_is():
    (south, west), (north, east) = shapes.country_frame(["FR"], [(48.85, 2.35)])  # Paris
    assert -10 < west < -4  # metropolitan France, not French Guiana
    assert 8 < east < 15
    (south, west), (north, east) = shapes.country_frame(["FR"], [(-20.88, 55.45)])  # Réunion
    assert 50 < west < 56 < east < 60
    # No point: the largest part.
    (south, west), (north, east) = shapes.country_frame(["FR"])
    assert 40 < south < 43
    assert 50 < north < 54


def test_a_state_drawn_as_a_dot_is_framed_around_its_dot_and_unknown_codes_are_not():
    (south, west), (north, east) = shapes.country_frame(["MT"])
    assert south < 35.9 < north
    assert west < 14.5 < east
    assert shapes.country_frame(["EU"]) is None
    assert shapes.country_frame([]) is None


def test_the_neighbourhood_is_detailed_clipped_and_marks_the_country():
    frame = shapes.country_frame(["MX"], [TIJUANA])
    collection = shapes.neighbourhood(frame, highlight=["MX"])
    codes = {f["properties"]["iso2"]: f["properties"]["focus"] for f in collection["features"]}
    assert codes["MX"] is True
    assert {"US", "GT", "BZ"} <= {code for code, focus in codes.items() if not focus}
    assert "JP" not in codes
    assert "AU" not in codes
    (south, west), (north, east) = shapes.clip_window(frame)
    assert west < frame[0][1]  # beyond the frame, for a wide small map
    assert east > frame[1][1]
    for feature in collection["features"]:
        for polygon in feature["geometry"]["coordinates"]:
            for ring in polygon:
                assert ring[0] == ring[-1]
                for lon, lat in ring:  # clipped to the window around the frame
                    assert west - 1e-6 <= lon <= east + 1e-6
                    assert south - 1e-6 <= lat <= north + 1e-6
    # Finer than the coarse file (0.2°, 109 points for Mexico): about a pixel of the view.
    mexico = next(f for f in collection["features"] if f["properties"]["iso2"] == "MX")
    points = sum(len(ring) for polygon in mexico["geometry"]["coordinates"] for ring in polygon)
    assert points > 1.5 * 109


@pytest.mark.django_db
def test_a_partner_map_opens_on_its_country_with_the_city_labelled():
    partner = PartnerFactory(
        name="Casa del Migrante", country="MX", city="Tijuana", show_address=False,
        latitude=TIJUANA[0], longitude=TIJUANA[1],
        city_latitude=TIJUANA[0], city_longitude=TIJUANA[1],
    )  # fmt: skip
    (spec,) = map_specs(partner_small_map(partner=partner, location=TIJUANA))
    data = spec["data"]
    assert spec["draw"] == "points"
    assert data["view"] is None
    assert data["partners"]["labels"] is True
    assert data["partners"]["rows"][0][3] == "Tijuana"
    assert _frame_holds(data["local"]["frame"], MEXICO)
    focus = [f["properties"]["iso2"] for f in data["local"]["shapes"]["features"]
             if f["properties"]["focus"]]  # fmt: skip
    assert focus == ["MX"]


@pytest.mark.django_db
def test_a_day_of_action_map_opens_on_the_activities_countries():
    campaign = CampaignFactory(slug="migrants-day", kind=Campaign.Kind.DAY_OF_ACTION)
    ActivityFactory(campaign=campaign, city="Oaxaca", country="MX",
                    latitude=Decimal("17.06542"), longitude=Decimal("-96.72365"))  # fmt: skip
    activities = list(campaign.activities.select_related("partner"))
    (spec,) = map_specs(activities_small_map(activities=activities, page_path="/en/x/"))
    assert _frame_holds(spec["data"]["local"]["frame"], MEXICO)
    assert spec["data"]["partners"]["labels"] is True
