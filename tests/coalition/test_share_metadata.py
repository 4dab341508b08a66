"""Share previews: campaign pages carry OpenGraph and Twitter card metadata in the page's
language, and every public page has a meta description (issue 15, item 6)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from tests.campaigns.factories import CampaignFactory
from tests.factories import PartnerFactory
from tests.ratification.pages_factories import make_country, make_icrmw

pytestmark = pytest.mark.django_db

NASTY = 'Ratify "now" <script>alert(1)</script> & more'


def _head(client, path: str) -> BeautifulSoup:
    response = client.get(path)
    assert response.status_code == 200, path
    return BeautifulSoup(response.content, "lxml").head


def _meta(head: BeautifulSoup, key: str) -> str:
    tag = head.find("meta", attrs={"property": key}) or head.find("meta", attrs={"name": key})
    assert tag is not None, key
    return tag["content"]


def test_a_campaign_link_shares_as_a_card_in_the_page_language(client):
    CampaignFactory(
        slug="ratify",
        title_en=NASTY,
        title_es="Ratifiquen ya",
        summary_en="Ask your government to ratify.",
        summary_es="Pida a su gobierno que ratifique.",
    )
    english = _head(client, "/en/campaigns/ratify/")
    assert _meta(english, "og:title") == NASTY  # escaped in the HTML, exact once parsed
    assert _meta(english, "twitter:title") == NASTY
    assert _meta(english, "og:description") == "Ask your government to ratify."
    assert _meta(english, "description") == "Ask your government to ratify."
    assert _meta(english, "og:url") == "http://testserver/en/campaigns/ratify/"
    assert _meta(english, "og:image") == "http://testserver/static/img/share-card.png"
    assert _meta(english, "twitter:card") == "summary_large_image"
    assert _meta(english, "og:locale") == "en_GB"
    assert "<script>alert(1)</script>" not in client.get("/en/campaigns/ratify/").content.decode()

    spanish = _head(client, "/es/campaigns/ratify/")
    assert _meta(spanish, "og:title") == "Ratifiquen ya"
    assert _meta(spanish, "og:description") == "Pida a su gobierno que ratifique."
    assert _meta(spanish, "og:locale") == "es_ES"
    assert _meta(spanish, "og:image:alt").startswith("El globo")


def test_the_share_image_is_served(client):
    from django.contrib.staticfiles import finders

    path = finders.find("img/share-card.png")
    assert path
    with open(path, "rb") as handle:
        assert handle.read(8) == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_public_page_has_its_own_meta_description(client, lang):
    make_icrmw()
    make_country("MX", name="Mexico", region="Americas")
    PartnerFactory(slug="casa", description="Shelter and legal aid in Tijuana.")
    CampaignFactory(
        slug="ratify",
        summary_en="Sign the call to ratify the Convention.",
        summary_es="Firme el llamado a ratificar la Convención.",
    )
    paths = [
        "/",
        "/map/",
        "/treaties/",
        "/treaties/icrmw/",
        "/countries/",
        "/countries/mx/",
        "/partners/",
        "/partners/casa/",
        "/campaigns/",
        "/campaigns/ratify/",
    ]
    seen: dict[str, str] = {}
    for path in paths:
        description = _meta(_head(client, f"/{lang}{path}"), "description").strip()
        assert len(description) > 20, path
        seen[path] = description
    # The pages people share describe themselves, not the site.
    specific = ["/treaties/icrmw/", "/countries/mx/", "/partners/casa/", "/campaigns/ratify/"]
    assert len({seen[p] for p in specific}) == len(specific)
    assert seen["/partners/casa/"] == "Shelter and legal aid in Tijuana."
    assert "Mexico" in seen["/countries/mx/"] or "México" in seen["/countries/mx/"]
