"""One date format per language (coalition/formats), used by every page."""

from __future__ import annotations

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.formats import date_format

D = datetime.date(2026, 2, 3)


@pytest.mark.parametrize(
    ("language", "date", "moment"),
    [
        ("en", "3 February 2026", "3 February 2026, 14:05"),
        ("es", "3 de febrero de 2026", "3 de febrero de 2026, 14:05"),
    ],
)
def test_dates_and_moments_in_each_language(language, date, moment):
    when = datetime.datetime(2026, 2, 3, 14, 5)
    with translation.override(language):
        assert date_format(D) == date
        rendered = Template('{{ d|date }}|{{ w|date:"DATETIME_FORMAT" }}').render(
            Context({"d": D, "w": when})
        )
    assert rendered == f"{date}|{moment}"


def test_no_template_writes_a_literal_display_date_pattern():
    """A literal pattern (`|date:"j M Y"`) would bypass the language's format; machine values
    (single-quoted, e.g. `<time datetime="{{ d|date:'Y-m-d' }}">`) are fine."""
    from pathlib import Path

    templates = Path(__file__).resolve().parents[2] / "templates"
    offenders = [
        f"{path.relative_to(templates)}: {line.strip()[:80]}"
        for path in templates.rglob("*.html")
        for line in path.read_text(encoding="utf-8").splitlines()
        if '|date:"' in line.replace('|date:"DATETIME_FORMAT"', "")
    ]
    assert offenders == []
