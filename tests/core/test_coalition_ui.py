"""The shared layout helpers: one date format per language, and language links to this page."""

from __future__ import annotations

import datetime

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone, translation

from core.templatetags.coalition_ui import date_long, datetime_long

DAY = datetime.date(2026, 2, 3)


@pytest.mark.parametrize(
    ("language", "text"), [("en", "3 February 2026"), ("es", "3 de febrero de 2026")]
)
def test_date_long_is_the_language_format_on_one_line(language, text):
    with translation.override(language):
        html = date_long(DAY)
    assert html == f'<time class="date" datetime="2026-02-03">{text}</time>'


def test_date_long_of_nothing_is_empty_so_default_applies():
    assert date_long(None) == ""
    assert (
        Template("{% load coalition_ui %}{{ d|date_long|default:'—' }}").render(
            Context({"d": None})
        )
        == "—"
    )


@pytest.mark.parametrize(
    ("language", "day", "time"),
    [("en", "3 February 2026", "14:05"), ("es", "3 de febrero de 2026", "14:05")],
)
def test_datetime_long_keeps_date_and_time_each_whole(settings, language, day, time):
    settings.TIME_ZONE = "UTC"
    moment = timezone.make_aware(datetime.datetime(2026, 2, 3, 14, 5), datetime.UTC)
    with translation.override(language):
        html = datetime_long(moment)
    assert f'<span class="date">{day}</span>, <span class="date">{time}</span>' in html
    assert 'datetime="2026-02-03T14:05:00+00:00"' in html


@pytest.mark.parametrize(
    ("path", "language", "expected"),
    [
        ("/en/treaties/icrmw/?status=party", "en", "/es/treaties/icrmw/?status=party"),
        ("/es/partners/", "es", "/en/partners/"),
        ("/en/no-such-page/", "en", "/es/"),
    ],
)
def test_language_links_point_at_this_page_in_the_other_language(path, language, expected):
    request = RequestFactory().get(path)
    template = Template(
        "{% load coalition_ui %}{% language_links as links %}"
        "{% for l in links %}{% if not l.current %}{{ l.url }}{% endif %}{% endfor %}"
    )
    with translation.override(language):
        assert template.render(Context({"request": request})) == expected


@pytest.mark.django_db
def test_language_switcher_is_links_not_a_form(client):
    body = client.get("/en/treaties/?x=1").content.decode()
    switcher = body.split('class="language-switcher"')[1].split("</ul>")[0]
    assert 'href="/es/treaties/?x=1" lang="es" hreflang="es">Español</a>' in switcher
    assert "<form" not in switcher
    assert "<select" not in switcher
    assert "set_language" not in body
