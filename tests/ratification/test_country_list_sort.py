"""The country index sorts by its columns, keeps the filters while sorting, and says how it is
sorted (aria-sort, an arrow and words), in both languages."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from tests.ratification.test_country_list import data, rows, url  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


def _sorted_header(response) -> tuple[str, str]:
    soup = BeautifulSoup(response.content, "html.parser")
    (th,) = soup.select("#country-index th[aria-sort]")
    return th.get_text(" ", strip=True), th["aria-sort"]


def test_default_is_by_name_and_says_so(client, data):  # noqa: F811
    response = client.get(url())
    assert _sorted_header(response) == ("Country ▲ (sorted ascending)", "ascending")
    names = [r[0] for r in rows(response)]
    assert names[0] == "Afghanistan"
    assert names.index("Chile") < names.index("Mexico") < names.index("Zimbabwe")


def test_status_then_name_and_reversed(client, data):  # noqa: F811
    response = client.get(url(sort="status"))
    assert _sorted_header(response) == ("ICRMW status ▲ (sorted ascending)", "ascending")
    first = rows(response)[:2]
    assert [r[0] for r in first] == ["Mexico", "Chile"]  # party, then signatory
    response = client.get(url(sort="-status"))
    assert _sorted_header(response)[1] == "descending"
    assert [r[0] for r in rows(response)[-2:]] == ["Chile", "Mexico"]


def test_treaties_descending_and_filters_kept(client, data):  # noqa: F811
    response = client.get(url(sort="-treaties", region="Americas"))
    assert rows(response)[0][0] == "Mexico"
    assert _sorted_header(response) == ("Treaties party to ▼ (sorted descending)", "descending")
    soup = BeautifulSoup(response.content, "html.parser")
    link = soup.select_one("#country-index th a[href*='sort=country']")
    assert link is not None
    assert "region=Americas" in link["href"]
    # The filter form carries the sort along.
    assert soup.select_one("form.filters input[name=sort][value='-treaties']") is not None


def test_unknown_sort_is_ignored(client, data):  # noqa: F811
    response = client.get(url(sort="<script>"))
    assert response.status_code == 200
    assert _sorted_header(response)[0].startswith("Country")
    assert b"<script>" not in response.content


def test_spanish_says_how_it_is_sorted(client, data):  # noqa: F811
    response = client.get(url(sort="-signed").replace("/en/", "/es/"))
    text, state = _sorted_header(response)
    assert state == "descending"
    assert "orden descendente" in text
