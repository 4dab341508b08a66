"""The API's JSON parser: objects only, and never more than API_MAX_BODY_BYTES read."""

from __future__ import annotations

import io

import pytest
from rest_framework.exceptions import APIException, ParseError

from core.parsers import JSONObjectParser


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
