"""The API's JSON parser: objects only, and never more than API_MAX_BODY_BYTES read."""

from __future__ import annotations

import io

import pytest
from rest_framework.exceptions import APIException, ParseError

from core.parsers import MAX_JSON_DEPTH, JSONObjectParser, json_nesting_exceeds
from tests.campaigns.factories import CampaignFactory


def test_parses_an_object():
    assert JSONObjectParser().parse(io.BytesIO(b'{"a": 1}')) == {"a": 1}


@pytest.mark.parametrize("body", [b"true", b"5", b"null", b"[{}]", b'"x"'])
def test_refuses_anything_but_an_object(body):
    with pytest.raises(ParseError):
        JSONObjectParser().parse(io.BytesIO(body))


def test_refuses_invalid_json():
    with pytest.raises(ParseError):
        JSONObjectParser().parse(io.BytesIO(b'{"a": NaN}'))


def test_stops_reading_past_the_limit_even_without_a_content_length(settings):
    """A chunked body has no Content-Length for the middleware to check: the parser counts."""
    settings.API_MAX_BODY_BYTES = 100
    stream = io.BytesIO(b'{"a": "' + b"x" * 10_000 + b'"}')
    with pytest.raises(APIException) as exc:
        JSONObjectParser().parse(stream)
    assert exc.value.status_code == 413
    assert stream.tell() <= 101


# --- Nesting depth (issue 13, bad input round two) -------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "[" * 5000,
        "[" * 33 + "]" * 33,
        '{"a":' * 33 + "1" + "}" * 33,
        '{"a": ' + "[{" * 17 + "]}" * 17 + "}",
    ],
)
def test_nesting_past_the_limit_is_found_without_parsing(text):
    assert json_nesting_exceeds(text)


@pytest.mark.parametrize(
    "text",
    [
        "[" * 32 + "]" * 32,
        '{"a": "' + "[" * 5000 + '"}',  # brackets inside a string do not nest
        '{"a": "\\"' + "[" * 100 + '"}',  # nor after an escaped quote
        "[]" * 5000,  # many brackets, one level
        '{"name": "Ana", "links": ["https://example.org/"]}',
    ],
)
def test_brackets_that_do_not_nest_past_the_limit_pass(text):
    assert not json_nesting_exceeds(text)


def test_the_parser_refuses_a_deep_body_with_a_parse_error():
    with pytest.raises(ParseError) as exc:
        JSONObjectParser().parse(io.BytesIO(b"[" * 5000))
    assert str(MAX_JSON_DEPTH) in str(exc.value.detail)


@pytest.mark.django_db
@pytest.mark.parametrize("body", ["[" * 5000, '{"name": ' + "[" * 5000 + "]" * 5000 + "}"])
def test_deep_json_sent_anonymously_is_a_400(client, body):
    """It used to be a 500 (RecursionError) on every endpoint that reads a body."""
    campaign = CampaignFactory()
    response = client.post(
        f"/api/v1/campaigns/{campaign.slug}/pledges/", body, content_type="application/json"
    )
    assert response.status_code == 400
    assert set(response.json()) == {"detail"}
