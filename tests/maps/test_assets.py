"""The guard against assets from other origins catches every way a page can load one."""

from __future__ import annotations

import pytest

from tests.maps.assets import assert_no_external_assets, external_assets


@pytest.mark.parametrize(
    "html",
    [
        '<script src="https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"></script>',
        "<script src=//cdn.example.org/x.js></script>",
        "<SCRIPT SRC='http://cdn.example.org/x.js'></SCRIPT>",
        '<link rel="stylesheet" href="https://cdn.example.org/x.css">',
        '<link rel="preload" as="font" href="//fonts.example.org/f.woff2">',
        '<link rel="icon" href="https://example.org/favicon.ico">',
        '<img src="https://tile.openstreetmap.org/1/1/1.png" alt="">',
        '<img srcset="/a.png 1x, https://example.org/b.png 2x" alt="">',
        '<iframe src="https://example.org/"></iframe>',
        '<video poster="https://example.org/p.jpg"></video>',
        "<style>.x { background: url(https://example.org/bg.png); }</style>",
        "<style>@import '/local.css';</style>",
        "<style>@font-face { src: url( '//fonts.example.org/f.woff2'); }</style>",
        '<div style="background-image:url(&quot;https://example.org/a.png&quot;)"></div>',
        '<img src="&#104;ttps://example.org/a.png" alt="">',
    ],
)
def test_it_finds_an_external_asset(html):
    with pytest.raises(AssertionError, match="External assets"):
        assert_no_external_assets(f"<!DOCTYPE html><html><head></head><body>{html}</body></html>")


def test_it_allows_links_local_assets_and_data():
    page = """<!DOCTYPE html><html><head>
    <link rel="stylesheet" href="/static/css/coalition.css">
    <link rel="alternate" hreflang="es" href="https://coalition.example.org/es/">
    <script src="/static/vendor/leaflet/leaflet.js"></script>
    <style>.x { background: url(images/layers.png); } .y { background: url("data:image/png;base64,AA"); }</style>
    </head><body>
    <a href="https://treaties.un.org/">United Nations Treaty Collection</a>
    <img src="/static/vendor/leaflet/images/marker-icon.png" alt="">
    <script>var data = {"url": "https://partner.example.org/", "css": "url(https://x)"};
    if (a <b && c> d) {}</script>
    <p>Write url(https://example.org) in your CSS</p>
    </body></html>"""
    assert_no_external_assets(page)


def test_it_allows_this_sites_own_absolute_urls():
    page = '<script src="http://testserver/static/x.js"></script>'
    assert external_assets(page, allowed_origins=["http://testserver"]) == []
    assert external_assets(page) == ['<script src="http://testserver/static/x.js">']
